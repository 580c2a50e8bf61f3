using System.Buffers;
using System.Text;
using Cti.Sip.Messages;
using Cti.Sip.Parsing;

namespace Cti.Sip.Tests.Parsing;

public sealed class SipMessageParserTests
{
    private static SipMessage ParseOk(string text)
    {
        var result = SipMessageParser.ParseDatagram(Encoding.UTF8.GetBytes(text));
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Message;
    }

    private static SipParseError ParseError(string text, SipParserLimits? limits = null)
    {
        var result = SipMessageParser.ParseDatagram(Encoding.UTF8.GetBytes(text), limits);
        Assert.False(result.IsSuccess);
        return result.Error!;
    }

    private static string Request(string headers, string body = "") =>
        "OPTIONS sip:bob@example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP host.example.com;branch=z9hG4bK1\r\n" +
        headers +
        "\r\n" + body;

    [Fact]
    public void ParseDatagram_TypicalInvite_ReadsStartLineHeadersAndBody()
    {
        var m = (SipRequest)ParseOk(SipSamples.Invite);
        Assert.Equal(SipMethods.Invite, m.Method);
        Assert.Equal("bob", m.RequestUri.User);
        Assert.Equal("biloxi.example.com", m.RequestUri.Host);
        Assert.Equal("SIP/2.0", m.Version);
        Assert.Equal(70, m.MaxForwards);
        Assert.Equal("Alice", m.From!.DisplayName);
        Assert.Equal("9fxced76sl", m.From.Tag);
        Assert.Null(m.To!.Tag);
        Assert.Equal("3848276298220188511@atlanta.example.com", m.CallId);
        Assert.Equal(new SipCSeq(1, "INVITE"), m.CSeq);
        Assert.Equal(["replaces", "timer"], m.Supported);
        Assert.Equal("application/sdp", m.ContentType);
        Assert.Equal(SipSamples.Sdp, Encoding.ASCII.GetString(m.Body.Span));
        Assert.Equal("udp", Assert.Single(m.Contacts).NameAddr!.Uri.Transport);
    }

    [Fact]
    public void ParseDatagram_Response_ReadsStatusAndReason()
    {
        var m = (SipResponse)ParseOk("SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nContent-Length: 0\r\n\r\n");
        Assert.Equal(180, m.StatusCode);
        Assert.Equal("Ringing", m.ReasonPhrase);
    }

    [Theory]
    [InlineData("SIP/2.0 1800 Ringing")]
    [InlineData("SIP/2.0 18 Ringing")]
    [InlineData("SIP/2.0 099 Odd")]
    [InlineData("SIP/2.0 18a Ringing")]
    public void ParseDatagram_StatusCodeNotThreeDigits_Rejected(string statusLine)
    {
        var error = ParseError(statusLine + "\r\nContent-Length: 0\r\n\r\n");
        Assert.Equal(SipParseErrorReason.InvalidStatusCode, error.Reason);
        Assert.False(error.IsRequest);
    }

    [Fact]
    public void ParseDatagram_CompactNames_ExpandToCanonicalNames()
    {
        var m = ParseOk(
            "INVITE sip:a@b SIP/2.0\r\nv: SIP/2.0/UDP h;branch=z9hG4bK1\r\nf: <sip:x@y>;tag=1\r\nt: <sip:a@b>\r\n" +
            "i: abc\r\nm: <sip:x@h>\r\nc: application/sdp\r\nk: timer\r\ns: hi\r\ne: gzip\r\no: presence\r\nu: talk\r\n" +
            "r: <sip:c@d>\r\nb: <sip:e@f>\r\nx: 1800\r\ny: sig\r\nCSeq: 1 INVITE\r\nl: 0\r\n\r\n");
        var names = m.Headers.Select(h => h.Name).ToArray();
        Assert.Equal(
            [SipHeaderNames.Via, SipHeaderNames.From, SipHeaderNames.To, SipHeaderNames.CallId, SipHeaderNames.Contact,
             SipHeaderNames.ContentType, SipHeaderNames.Supported, SipHeaderNames.Subject, SipHeaderNames.ContentEncoding,
             SipHeaderNames.Event, SipHeaderNames.AllowEvents, SipHeaderNames.ReferTo, SipHeaderNames.ReferredBy,
             SipHeaderNames.SessionExpires, SipHeaderNames.Identity, SipHeaderNames.CSeq, SipHeaderNames.ContentLength],
            names);
        Assert.Equal("abc", m.CallId);
        Assert.Equal("abc", m.Headers.Get("i"));
        Assert.Equal("abc", m.Headers.Get("CALL-id"));
    }

    [Fact]
    public void ParseDatagram_FoldedValue_BecomesSingleSpaces()
    {
        var m = ParseOk(Request("Subject: first\r\n  \t second\r\n third\r\nContent-Length: 0\r\n"));
        Assert.Equal("first second third", m.Headers.Get("Subject"));
    }

    [Fact]
    public void ParseDatagram_ContinuationBeforeAnyHeader_Rejected()
    {
        var error = ParseError("OPTIONS sip:a@b SIP/2.0\r\n folded: x\r\n\r\n");
        Assert.Equal(SipParseErrorReason.InvalidHeaderLine, error.Reason);
    }

    [Theory]
    [InlineData("NoColonHere\r\n")]
    [InlineData("Bad Name: x\r\n")]
    [InlineData(": empty\r\n")]
    public void ParseDatagram_MalformedHeaderLine_Rejected(string line)
    {
        Assert.Equal(SipParseErrorReason.InvalidHeaderLine, ParseError(Request(line)).Reason);
    }

    [Theory]
    [InlineData("OPTIONS sip:a@b SIP/2.0\nVia: x\n\n")]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nSubject: a\rb\r\n\r\n")]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nSubject: a\nb\r\n\r\n")]
    [InlineData("OPTIONS sip:a@b SIP/2.0\r\nSubject: a\r")]
    public void ParseDatagram_BareCrOrLf_Rejected(string text)
    {
        Assert.Equal(SipParseErrorReason.InvalidLineEnding, ParseError(text).Reason);
    }

    [Fact]
    public void ParseDatagram_QuotedStringsWithCommasAndQuotedPairs_KeptWhole()
    {
        var m = ParseOk(Request(
            "From: \"Doe, John \\\"JD\\\" <x>\" <sip:jd@example.com>;tag=a\r\n" +
            "Contact: \"A, B\" <sip:a@h1>, <sip:b@h2;lr>;q=0.5, sip:c@h3\r\n"));
        Assert.Equal("Doe, John \"JD\" <x>", m.From!.DisplayName);
        Assert.Equal(3, m.Contacts.Count);
        Assert.Equal("A, B", m.Contacts[0].NameAddr!.DisplayName);
        Assert.Equal(0.5, m.Contacts[1].Q);
        Assert.Equal("h3", m.Contacts[2].NameAddr!.Uri.Host);
    }

    [Fact]
    public void ParseDatagram_RepeatedAndCommaSeparatedVias_FlattenInOrder()
    {
        var m = ParseOk(
            "OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h1;branch=z9hG4bK1, SIP/2.0/TCP h2:5070;branch=z9hG4bK2\r\n" +
            "Via: SIP/2.0/TLS [2001:db8::1]:5061;branch=z9hG4bK3;received=192.0.2.9;rport=5999;maddr=239.1.1.1;ttl=16\r\n\r\n");
        Assert.Equal(["h1", "h2", "[2001:db8::1]"], m.Vias.Select(v => v.Host).ToArray());
        Assert.Equal(5070, m.Vias[1].Port);
        var third = m.Vias[2];
        Assert.Equal(5061, third.Port);
        Assert.Equal("192.0.2.9", third.Received);
        Assert.True(third.HasRPort);
        Assert.Equal(5999, third.RPort);
        Assert.Equal("239.1.1.1", third.MAddr);
        Assert.Equal(16, third.Ttl);
        Assert.True(third.HasMagicCookie);
        Assert.Equal("SIP/2.0/TLS", third.Protocol);
    }

    [Theory]
    [InlineData("SIP/2.0/UDP h;ttl=256")]
    [InlineData("SIP/2.0/UDP h;received=not-an-ip")]
    [InlineData("SIP/2.0/UDP h;rport=70000")]
    [InlineData("SIP/2.0/UDP h:99999")]
    [InlineData("SIP/2.0/UDP")]
    [InlineData("SIP/2.0/UDP h;;branch=z9hG4bK1")]
    [InlineData("SIP/2.0/UDP h,")]
    public void ParseDatagram_MalformedVia_Rejected(string via)
    {
        var error = ParseError("OPTIONS sip:a@b SIP/2.0\r\nVia: " + via + "\r\n\r\n");
        Assert.Equal(SipParseErrorReason.InvalidVia, error.Reason);
    }

    [Theory]
    [InlineData("CSeq: 4294967296 INVITE", SipParseErrorReason.InvalidCSeq)]
    [InlineData("CSeq: 1", SipParseErrorReason.InvalidCSeq)]
    [InlineData("CSeq: -1 INVITE", SipParseErrorReason.InvalidCSeq)]
    [InlineData("Max-Forwards: 256", SipParseErrorReason.InvalidMaxForwards)]
    [InlineData("Max-Forwards: x", SipParseErrorReason.InvalidMaxForwards)]
    [InlineData("Call-ID: a b", SipParseErrorReason.InvalidCallId)]
    [InlineData("From: <sip:a@b", SipParseErrorReason.InvalidFrom)]
    [InlineData("To: sip:a@b?x=y", SipParseErrorReason.InvalidTo)]
    [InlineData("Contact: <sip:a@b>;q=1.5", SipParseErrorReason.InvalidContact)]
    [InlineData("Content-Length: -1", SipParseErrorReason.InvalidContentLength)]
    [InlineData("Content-Length: 99999999999", SipParseErrorReason.InvalidContentLength)]
    public void ParseDatagram_MalformedScalarHeader_RejectedWithReason(string header, SipParseErrorReason reason)
    {
        var error = ParseError(Request(header + "\r\n"));
        Assert.Equal(reason, error.Reason);
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public void ParseDatagram_CSeqAtUInt32Max_Accepted()
    {
        Assert.Equal(uint.MaxValue, ParseOk(Request("CSeq: 4294967295 OPTIONS\r\n")).CSeq!.Number);
    }

    [Fact]
    public void ParseDatagram_ExpiresOverflow_TreatedAsAbsent()
    {
        var m = ParseOk(Request("Expires: 4294967296\r\nContact: <sip:a@b>;expires=99999999999\r\n"));
        Assert.Null(m.Expires);
        Assert.Null(m.Contacts[0].Expires);
    }

    [Theory]
    [InlineData("Call-ID")]
    [InlineData("To")]
    [InlineData("From")]
    [InlineData("CSeq")]
    [InlineData("Max-Forwards")]
    public void ParseDatagram_DuplicateSingleValueHeader_Rejected(string name)
    {
        var value = name switch
        {
            "CSeq" => "1 OPTIONS",
            "Max-Forwards" => "70",
            "Call-ID" => "abc",
            _ => "<sip:a@b>",
        };
        var error = ParseError(Request($"{name}: {value}\r\n{name}: {value}\r\n"));
        Assert.Equal(SipParseErrorReason.DuplicateHeader, error.Reason);
        Assert.Contains(name, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseDatagram_TrailingOctetsAfterContentLength_Dropped()
    {
        var m = ParseOk(Request("Content-Length: 3\r\n", "abcdef"));
        Assert.Equal("abc", Encoding.ASCII.GetString(m.Body.Span));
    }

    [Fact]
    public void ParseDatagram_NoContentLength_BodyRunsToEndOfDatagram()
    {
        var m = ParseOk(Request(string.Empty, "abcdef"));
        Assert.Equal("abcdef", Encoding.ASCII.GetString(m.Body.Span));
    }

    [Fact]
    public void ParseDatagram_ShortBody_Rejected()
    {
        Assert.Equal(SipParseErrorReason.TruncatedBody, ParseError(Request("Content-Length: 10\r\n", "abc")).Reason);
    }

    [Fact]
    public void ParseDatagram_MissingEmptyLine_EndOfDatagramEndsHeaders()
    {
        var m = ParseOk("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nl: 0\r\n");
        Assert.Equal(0, m.ContentLength);
        Assert.True(m.Body.IsEmpty);
    }

    [Fact]
    public void ParseDatagram_LeadingCrlf_Ignored()
    {
        Assert.IsType<SipRequest>(ParseOk("\r\n\r\n" + SipSamples.Invite));
    }

    [Fact]
    public void ParseDatagram_OnlyCrlf_EmptyMessage()
    {
        Assert.Equal(SipParseErrorReason.EmptyMessage, ParseError("\r\n\r\n").Reason);
    }

    [Theory]
    [InlineData("INVITE sip:a@b SIP/2.0 ", SipParseErrorReason.InvalidStartLine)]
    [InlineData("INVITE  sip:a@b SIP/2.0", SipParseErrorReason.InvalidStartLine)]
    [InlineData("INVITE <sip:a@b> SIP/2.0", SipParseErrorReason.InvalidRequestUri)]
    [InlineData("INVITE sip:a@b;x y SIP/2.0", SipParseErrorReason.InvalidRequestUri)]
    [InlineData("INVITE sip:a@b?Route=x SIP/2.0", SipParseErrorReason.InvalidRequestUri)]
    [InlineData("INVITE sip: SIP/2.0", SipParseErrorReason.InvalidRequestUri)]
    [InlineData("INVITE sip:a@b HTTP/1.1", SipParseErrorReason.InvalidVersion)]
    [InlineData("INVITE sip:a@b SIP/2", SipParseErrorReason.InvalidVersion)]
    [InlineData("IN(VITE sip:a@b SIP/2.0", SipParseErrorReason.InvalidMethod)]
    [InlineData("INVITE", SipParseErrorReason.InvalidStartLine)]
    public void ParseDatagram_BadRequestLine_RejectedWithReason(string line, SipParseErrorReason reason)
    {
        var error = ParseError(line + "\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: x\r\n\r\n");
        Assert.Equal(reason, error.Reason);
        Assert.True(error.IsRequest);
        Assert.Equal(["SIP/2.0/UDP h;branch=z9hG4bK1"], error.Vias);
        Assert.Equal("x", error.CallId);
    }

    [Fact]
    public void ParseDatagram_OtherVersion_ParsedForValidatorToAnswer505()
    {
        Assert.Equal("SIP/7.0", ParseOk("OPTIONS sip:a@b SIP/7.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\r\n").Version);
    }

    [Fact]
    public void ParseDatagram_OpaqueAndTelRequestUris_Accepted()
    {
        var tel = (SipRequest)ParseOk("INVITE tel:+1-201-555-0123;phone-context=example.com SIP/2.0\r\nl: 0\r\n\r\n");
        Assert.True(tel.RequestUri.IsTel);
        Assert.Equal("+1-201-555-0123", tel.RequestUri.User);
        Assert.Equal("example.com", tel.RequestUri.Parameters.Get("phone-context"));
        var opaque = (SipRequest)ParseOk("OPTIONS urn:service:sos SIP/2.0\r\nl: 0\r\n\r\n");
        Assert.Equal("urn", opaque.RequestUri.Scheme);
        Assert.Equal("urn:service:sos", opaque.RequestUri.ToString());
    }

    [Fact]
    public void ParseDatagram_UnknownHeaders_KeptVerbatimWithOriginalName()
    {
        var m = ParseOk(Request("X-Custom-Thing:   a , b ;c\r\n"));
        Assert.Equal("a , b ;c", m.Headers.Get("x-custom-thing"));
        Assert.Equal("X-Custom-Thing", m.Headers.Single(h => h.Value == "a , b ;c").Name);
    }

    [Fact]
    public void ParseDatagram_FramingOnlyLimits_AcceptMalformedCoreHeaders()
    {
        var limits = new SipParserLimits { ValidateHeaderSyntax = false };
        var result = SipMessageParser.ParseDatagram(Encoding.ASCII.GetBytes(Request("CSeq: nonsense\r\n")), limits);
        Assert.True(result.IsSuccess);
        Assert.Null(result.Message.CSeq);
    }

    // ---- limits: each rejects with its own reason and 513 ----

    [Fact]
    public void ParseDatagram_OverMaxMessageBytes_MessageTooLarge()
    {
        var limits = new SipParserLimits { MaxMessageBytes = 600 };
        var error = ParseError(SipSamples.Invite, limits);
        Assert.Equal(SipParseErrorReason.MessageTooLarge, error.Reason);
        Assert.Equal(513, error.StatusCode);
    }

    [Fact]
    public void ParseDatagram_OverMaxHeaderCount_TooManyHeaders()
    {
        var limits = new SipParserLimits { MaxHeaderCount = 10 };
        var error = ParseError(Request(string.Concat(Enumerable.Range(0, 10).Select(i => $"X-H{i}: v\r\n"))), limits);
        Assert.Equal(SipParseErrorReason.TooManyHeaders, error.Reason);
        Assert.Equal(513, error.StatusCode);
    }

    [Fact]
    public void ParseDatagram_OverMaxLineLength_LineTooLong()
    {
        var limits = new SipParserLimits { MaxLineLength = 200 };
        var error = ParseError(Request("Subject: " + new string('a', 300) + "\r\n"), limits);
        Assert.Equal(SipParseErrorReason.LineTooLong, error.Reason);
        Assert.Equal(513, error.StatusCode);
        Assert.Equal(SipParseErrorReason.LineTooLong, ParseError("OPTIONS sip:" + new string('a', 300) + "@b SIP/2.0\r\n\r\n", limits).Reason);
    }

    [Fact]
    public void ParseDatagram_OverMaxBodyBytes_BodyTooLarge()
    {
        var limits = new SipParserLimits { MaxBodyBytes = 10 };
        Assert.Equal(SipParseErrorReason.BodyTooLarge, ParseError(Request("Content-Length: 11\r\n", new string('b', 11)), limits).Reason);
        Assert.Equal(SipParseErrorReason.BodyTooLarge, ParseError(Request(string.Empty, new string('b', 11)), limits).Reason);
    }

    [Fact]
    public void Limits_Defaults_AreDocumentedValuesAndValid()
    {
        var limits = SipParserLimits.Default;
        Assert.Equal(65_535, limits.MaxMessageBytes);
        Assert.Equal(128, limits.MaxHeaderCount);
        Assert.Equal(8_192, limits.MaxLineLength);
        Assert.Equal(65_535, limits.MaxBodyBytes);
        Assert.Empty(limits.Validate());
        Assert.Equal(3, new SipParserLimits { MaxMessageBytes = 1, MaxHeaderCount = 1, MaxLineLength = 1 }.Validate().Count);
    }

    // ---- stream framing ----

    [Fact]
    public void TryParseStream_EveryTruncatedPrefix_NeedsMoreDataWithoutConsuming()
    {
        var bytes = SipSamples.InviteBytes;
        for (var length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);
            var status = SipMessageParser.TryParseStream(ref buffer, null, out var message, out var error);
            Assert.True(status == SipParseStatus.NeedMoreData, $"prefix {length}: {status} {error}");
            Assert.Null(message);
            Assert.Equal(length, buffer.Length);
        }

        var whole = new ReadOnlySequence<byte>(bytes);
        Assert.Equal(SipParseStatus.Complete, SipMessageParser.TryParseStream(ref whole, null, out var parsed, out _));
        Assert.Equal(0, whole.Length);
        Assert.Equal(SipSamples.Sdp.Length, parsed!.Body.Length);
    }

    [Fact]
    public void TryParseStream_PipelinedMessagesAcrossSegments_ParsedInOrder()
    {
        var bytes = SipSamples.InviteBytes.Concat("\r\n\r\n"u8.ToArray()).Concat(SipSamples.RegisterBytes).Concat(SipSamples.InviteBytes[..40]).ToArray();
        var buffer = Segmented(bytes, 7);
        var methods = new List<string>();
        while (SipMessageParser.TryParseStream(ref buffer, null, out var message, out var error) == SipParseStatus.Complete)
        {
            Assert.Null(error);
            methods.Add(((SipRequest)message!).Method);
        }

        Assert.Equal([SipMethods.Invite, SipMethods.Register], methods);
        Assert.Equal(40, buffer.Length);
    }

    [Fact]
    public void TryParseStream_NoContentLength_MissingContentLength()
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\n\r\n"));
        Assert.Equal(SipParseStatus.Error, SipMessageParser.TryParseStream(ref buffer, null, out _, out var error));
        Assert.Equal(SipParseErrorReason.MissingContentLength, error!.Reason);
    }

    [Fact]
    public void TryParseStream_EndlessHeaders_MessageTooLarge()
    {
        var limits = new SipParserLimits { MaxMessageBytes = 1024 };
        var text = "OPTIONS sip:a@b SIP/2.0\r\n" + string.Concat(Enumerable.Repeat("Subject: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n", 60));
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(text));
        Assert.Equal(SipParseStatus.Error, SipMessageParser.TryParseStream(ref buffer, limits, out _, out var error));
        Assert.Equal(SipParseErrorReason.MessageTooLarge, error!.Reason);
    }

    private static ReadOnlySequence<byte> Segmented(byte[] bytes, int size)
    {
        Segment? first = null;
        Segment? last = null;
        for (var i = 0; i < bytes.Length; i += size)
        {
            var chunk = bytes.AsMemory(i, Math.Min(size, bytes.Length - i));
            if (first is null)
            {
                first = last = new Segment(chunk, 0);
            }
            else
            {
                last = last!.Append(chunk);
            }
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
