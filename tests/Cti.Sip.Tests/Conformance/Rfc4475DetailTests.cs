using System.Text;
using Cti.Sip.Messages;
using Cti.Sip.Parsing;
using Cti.Sip.Serialization;
using Cti.Sip.Validation;

namespace Cti.Sip.Tests.Conformance;

/// <summary>The specific values the RFC 4475 manifest names, per file.</summary>
public sealed class Rfc4475DetailTests
{
    private static SipMessage Parse(string file)
    {
        var result = SipMessageParser.ParseDatagram(Rfc4475Corpus.Load(file));
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Message;
    }

    private static SipValidationFailure? Validate(string file, SipValidationPolicy? policy = null) =>
        SipRequestValidator.Validate((SipRequest)Parse(file), policy ?? SipValidationPolicy.Default);

    [Fact]
    public void Parse_Wsinv_UnfoldsAndReadsEveryOddSpelling()
    {
        var m = (SipRequest)Parse("wsinv");
        Assert.Equal(68, m.MaxForwards);
        Assert.Equal(new SipCSeq(9, "INVITE"), m.CSeq);
        Assert.Equal(3, m.Vias.Count);
        Assert.Equal("390skdjuw", m.Vias[0].Branch);
        Assert.Equal("TCP", m.Vias[1].Transport);
        Assert.Equal("spindle.example.com", m.Vias[1].Host);
        Assert.Equal("z9hG4bK30239", m.Vias[2].Branch);
        Assert.Equal("J Rosenberg \\\"", m.From!.DisplayName);
        Assert.Equal("98asjd8", m.From.Tag);
        Assert.Equal("1918181833n", m.To!.Tag);
        Assert.Equal(string.Empty, m.Headers.Get("Subject"));
        Assert.Equal("newfangled value continued newfangled value", m.Headers.Get("NewFangledHeader"));
        Assert.Equal(";;,,;;,;", m.Headers.Get("UnknownHeaderWithUnusualValue"));
        var contact = Assert.Single(m.Contacts);
        Assert.Equal("Quoted string \"\"", contact.NameAddr!.DisplayName);
        Assert.Equal(0.33, contact.Q);
        Assert.Equal("newvalue", contact.NameAddr.Parameters.Get("newparam"));
        Assert.True(contact.NameAddr.Parameters.Contains("secondparam"));
        Assert.Equal(150, m.Body.Length);
        Assert.True(m.RequestUri.Parameters.Contains("unknownparam"));
    }

    [Fact]
    public void Parse_Intmeth_KeepsWholeMethodTokenAndOddOctets()
    {
        var m = (SipRequest)Parse("intmeth");
        Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", m.Method);
        Assert.Equal(m.Method, m.CSeq!.Method);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", m.RequestUri.User);
        Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", m.RequestUri.Password);
        Assert.Equal("BEL:\a NUL:\0 DEL:\u007f", m.To!.DisplayName);
        Assert.Equal("token1~` token2'+_ token3*%!.-", m.From!.DisplayName);
        Assert.StartsWith("\uFEFF", m.Headers.Get("extensionHeader-!.%*+_`'~"), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Esc01_UnescapesOnceInUrisOnly()
    {
        var m = (SipRequest)Parse("esc01");
        Assert.Equal("sips:user@example.com", m.RequestUri.User);
        Assert.Equal("user", m.To!.Uri.User);
        Assert.Equal("I have spaces", m.From!.Uri.User);
        var uri = Assert.Single(m.Contacts).NameAddr!.Uri;
        Assert.Equal("caller", uri.User);
        Assert.True(uri.Parameters.Contains("lr"));
        Assert.Equal("value%41", uri.Parameters.Get("name"));
    }

    [Fact]
    public void Parse_Escnull_KeepsNulInUserAndBothContacts()
    {
        var m = Parse("escnull");
        Assert.Equal("null-\0-null", m.To!.Uri.User);
        Assert.Equal(["\0", "\0\0"], m.Contacts.Select(c => c.NameAddr!.Uri.User!).ToArray());
        Assert.Equal("sip:null-%00-null@example.com", m.To.Uri.ToString());
    }

    [Fact]
    public void Parse_Esc02_PercentIsNotAnEscapeOutsideUris()
    {
        var m = (SipRequest)Parse("esc02");
        Assert.Equal("RE%47IST%45R", m.Method);
        Assert.Equal("%Z%45", m.To!.DisplayName);
        Assert.Equal(2, m.Contacts.Count);
        Assert.Equal("<sip:alias2@host2.example.com>", m.Headers.Get("C%6Fntact"));
        Assert.Equal(501, Validate("esc02")!.StatusCode);
    }

    [Fact]
    public void Parse_Lwsdisp_DisplayNameWithoutSpaceBeforeBracket()
    {
        var m = Parse("lwsdisp");
        Assert.Equal("caller", m.From!.DisplayName);
    }

    [Fact]
    public void Parse_Longreq_Reads34ViasAndReplyCopiesThem()
    {
        var m = (SipRequest)Parse("longreq");
        Assert.Equal(34, m.Vias.Count);
        var response = SipResponseFactory.Create(m, 486, toTag: "x");
        Assert.Equal(34, response.Vias.Count);
        var reparsed = SipMessageParser.ParseDatagram(SipMessageWriter.ToBytes(response));
        Assert.Equal(m.Vias.Select(v => v.ToString()), reparsed.Message!.Vias.Select(v => v.ToString()));
    }

    [Fact]
    public void Parse_Dblreq_DropsTrailingOctets()
    {
        var m = (SipRequest)Parse("dblreq");
        Assert.Equal("REGISTER", m.Method);
        Assert.True(m.Body.IsEmpty);
    }

    [Fact]
    public void Parse_Semiuri_SemicolonsBelongToUser()
    {
        var m = (SipRequest)Parse("semiuri");
        Assert.Equal("user;par=u@example.net", m.RequestUri.User);
        Assert.Empty(m.RequestUri.Parameters);
    }

    [Fact]
    public void Parse_Transports_ReadsEveryTransport()
    {
        var m = Parse("transports");
        Assert.Equal(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"], m.Vias.Select(v => v.Transport).ToArray());
    }

    [Fact]
    public void Parse_Mpart01_FramesBinaryBodyByContentLength()
    {
        var m = Parse("mpart01");
        Assert.Equal(553, m.Body.Length);
        Assert.True(m.TopVia!.HasRPort);
        Assert.Null(m.TopVia.RPort);
        var failure = Validate("mpart01")!;
        Assert.Equal(405, failure.StatusCode);
        Assert.Contains(failure.Headers, h => h.Name == SipHeaderNames.Allow && h.Value.Contains("INVITE", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_UnreasonAndNoreason_AcceptUnusualReasonPhrases()
    {
        var unreason = (SipResponse)Parse("unreason");
        Assert.Equal(200, unreason.StatusCode);
        Assert.Contains("сто девяносто девять", unreason.ReasonPhrase, StringComparison.Ordinal);
        var noreason = (SipResponse)Parse("noreason");
        Assert.Equal(100, noreason.StatusCode);
        Assert.Equal(string.Empty, noreason.ReasonPhrase);
    }

    [Fact]
    public void Parse_Bigcode_RejectsFourByteWrapAround()
    {
        var error = SipMessageParser.ParseDatagram(Rfc4475Corpus.Load("bigcode")).Error!;
        Assert.Equal(SipParseErrorReason.InvalidStatusCode, error.Reason);
        Assert.Null(error.CreateErrorResponse());
    }

    [Fact]
    public void Parse_Inv2543_BodyRunsToEndOfDatagramAndToParamIsHeaderParam()
    {
        var m = Parse("inv2543");
        Assert.Equal(Rfc4475Corpus.Load("inv2543").Length - Encoding.ASCII.GetString(Rfc4475Corpus.Load("inv2543")).IndexOf("\r\n\r\n", StringComparison.Ordinal) - 4, m.Body.Length);
        Assert.Equal("phone", m.To!.Parameters.Get("user"));
        Assert.Empty(m.To.Uri.Parameters);
        Assert.False(m.TopVia!.HasMagicCookie);
    }

    [Fact]
    public void Parse_Baddate_AcceptedWithDateFlaggedInvalid()
    {
        var m = Parse("baddate");
        Assert.Contains("EST", m.Headers.Get(SipHeaderNames.Date), StringComparison.Ordinal);
        Assert.Null(m.Date);
        Assert.Equal(new DateTimeOffset(2005, 10, 15, 4, 44, 56, TimeSpan.Zero), Parse("mpart01").Date);
    }

    [Fact]
    public void Parse_Cparam01_UnknownParamIsContactParam()
    {
        var contact = Assert.Single(Parse("cparam01").Contacts).NameAddr!;
        Assert.True(contact.Parameters.Contains("unknownparam"));
        Assert.False(contact.Uri.Parameters.Contains("unknownparam"));
        Assert.DoesNotContain("unknownparam", contact.Uri.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Cparam02_UnknownParamIsUriParam()
    {
        var contact = Assert.Single(Parse("cparam02").Contacts).NameAddr!;
        Assert.True(contact.Uri.Parameters.Contains("unknownparam"));
        Assert.Contains(";unknownparam", contact.Uri.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Regescrt_KeepsEscapedUriHeader()
    {
        var m = Parse("regescrt");
        var uri = Assert.Single(m.Contacts).NameAddr!.Uri;
        Assert.Equal("<sip:sip.example.com>", uri.Headers.Get("Route"));
        Assert.Equal("sip:user@example.com?Route=%3Csip:sip.example.com%3E", uri.ToString());
        Assert.Equal(0, m.ContentLength);
    }

    [Fact]
    public void Parse_Multi01_NamesTheDuplicatedHeader()
    {
        var error = SipMessageParser.ParseDatagram(Rfc4475Corpus.Load("multi01")).Error!;
        Assert.Equal(SipParseErrorReason.DuplicateHeader, error.Reason);
        Assert.Contains("CSeq", error.Detail, StringComparison.Ordinal);
        Assert.Equal(400, error.CreateErrorResponse()!.StatusCode);
    }

    [Fact]
    public void Validate_Bext01_ListsEveryUnsupportedRequireTagAndIgnoresProxyRequire()
    {
        var failure = Validate("bext01")!;
        Assert.Equal(420, failure.StatusCode);
        var unsupported = Assert.Single(failure.Headers, h => h.Name == SipHeaderNames.Unsupported);
        Assert.Equal("nothingSupportsThis, nothingSupportsThisEither", unsupported.Value);
    }

    [Fact]
    public void Validate_Invut_415WithAccept()
    {
        var failure = Validate("invut")!;
        Assert.Equal(415, failure.StatusCode);
        Assert.Contains(failure.Headers, h => h.Name == SipHeaderNames.Accept && h.Value == "application/sdp");
    }

    [Fact]
    public void Validate_Sdp01_406WithWarning399()
    {
        var failure = Validate("sdp01")!;
        Assert.Equal(406, failure.StatusCode);
        Assert.Contains(failure.Headers, h => h.Name == SipHeaderNames.Warning && h.Value.StartsWith("399 ", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Intmeth_501WithAllow()
    {
        var failure = Validate("intmeth")!;
        Assert.Equal(501, failure.StatusCode);
        Assert.Contains(failure.Headers, h => h.Name == SipHeaderNames.Allow);
    }

    [Fact]
    public void Validate_Insuf_NamesTheMissingHeader()
    {
        var failure = Validate("insuf")!;
        Assert.Equal(400, failure.StatusCode);
        Assert.Contains("Missing", failure.ReasonPhrase, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ZeromfAtForwardingElement_483()
    {
        Assert.Null(Validate("zeromf"));
        Assert.Equal(483, Validate("zeromf", SipValidationPolicy.Default with { IsForwardingElement = true })!.StatusCode);
    }

    [Fact]
    public void Validate_Inv2543WithoutRfc2543Support_400()
    {
        Assert.Null(Validate("inv2543"));
        Assert.Equal(400, Validate("inv2543", SipValidationPolicy.Default with { AcceptRfc2543 = false })!.StatusCode);
    }

    [Fact]
    public void Validate_Mpart01WhenMessageServed_415ForMultipart()
    {
        var policy = SipValidationPolicy.Default with
        {
            AllowedMethods = new HashSet<string>(SipValidationPolicy.Default.AllowedMethods) { SipMethods.Message },
        };
        Assert.Equal(415, Validate("mpart01", policy)!.StatusCode);
    }

    [Fact]
    public void ErrorResponse_Badinv01_CopiesRawHeadersAndAddsToTag()
    {
        var error = SipMessageParser.ParseDatagram(Rfc4475Corpus.Load("badinv01")).Error!;
        var response = error.CreateErrorResponse(toTag: "abc")!;
        Assert.Equal(400, response.StatusCode);
        Assert.Equal("SIP/2.0/UDP 192.0.2.15;;,;,,", Assert.Single(response.Headers.GetAll(SipHeaderNames.Via)));
        Assert.Equal("abc", response.To!.Tag);
        Assert.Equal("8 INVITE", response.Headers.Get(SipHeaderNames.CSeq));
        Assert.Equal("badinv01.0ha0isndaksdjasdf3234nas", response.CallId);
    }

    [Fact]
    public void ErrorResponse_Lwsstart_StillCopiesHeadersAfterBadStartLine()
    {
        var error = SipMessageParser.ParseDatagram(Rfc4475Corpus.Load("lwsstart")).Error!;
        var response = error.CreateErrorResponse()!;
        Assert.NotEmpty(response.Headers.GetAll(SipHeaderNames.Via));
        Assert.NotNull(response.CallId);
    }
}
