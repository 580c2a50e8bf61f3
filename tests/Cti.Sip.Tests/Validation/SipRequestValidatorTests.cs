using System.Text;
using Cti.Sip.Messages;
using Cti.Sip.Parsing;
using Cti.Sip.Tests.Parsing;
using Cti.Sip.Validation;

namespace Cti.Sip.Tests.Validation;

public sealed class SipRequestValidatorTests
{
    private static SipRequest Parse(string text) =>
        (SipRequest)SipMessageParser.ParseDatagram(Encoding.UTF8.GetBytes(text)).Message!;

    private static SipRequest Invite() => Parse(SipSamples.Invite);

    private static SipValidationFailure? Validate(SipRequest request, SipValidationPolicy? policy = null) =>
        SipRequestValidator.Validate(request, policy ?? SipValidationPolicy.Default);

    [Fact]
    public void Validate_TypicalInviteAndRegister_Pass()
    {
        Assert.Null(Validate(Invite()));
        Assert.Null(Validate(Parse(SipSamples.Register)));
    }

    [Theory]
    [InlineData("Via")]
    [InlineData("To")]
    [InlineData("From")]
    [InlineData("Call-ID")]
    [InlineData("CSeq")]
    [InlineData("Max-Forwards")]
    public void Validate_MissingMandatoryHeader_400NamingIt(string name)
    {
        var request = Invite();
        request.Headers.Remove(name);
        var failure = Validate(request)!;
        Assert.Equal(400, failure.StatusCode);
        Assert.Contains(name, failure.ReasonPhrase, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OtherVersion_505()
    {
        var request = Invite();
        request.Version = "SIP/3.0";
        Assert.Equal(505, Validate(request)!.StatusCode);
    }

    [Fact]
    public void Validate_KnownButNotAllowedMethod_405WithAllow()
    {
        var request = Invite();
        request.Method = SipMethods.Subscribe;
        request.Headers.Set("CSeq", "1 SUBSCRIBE");
        var failure = Validate(request)!;
        Assert.Equal(405, failure.StatusCode);
        Assert.Equal("INVITE, ACK, BYE, CANCEL, REGISTER, OPTIONS", Assert.Single(failure.Headers).Value);
    }

    [Fact]
    public void Validate_CSeqMethodMismatch_400ForKnownMethod()
    {
        var request = Invite();
        request.Headers.Set("CSeq", "1 BYE");
        Assert.Equal(400, Validate(request)!.StatusCode);
    }

    [Fact]
    public void Validate_BareMagicCookieBranch_400()
    {
        var request = Invite();
        request.Headers.Set("Via", "SIP/2.0/UDP h;branch=z9hG4bK");
        Assert.Equal(400, Validate(request)!.StatusCode);
    }

    [Fact]
    public void Validate_UnsupportedRequestUriScheme_416()
    {
        var request = Invite();
        request.RequestUri = SipUri.Parse("tel:+15551234");
        Assert.Equal(416, Validate(request)!.StatusCode);
        var telPolicy = SipValidationPolicy.Default with
        {
            SupportedUriSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "sip", "sips", "tel" },
        };
        Assert.Null(Validate(request, telPolicy));
    }

    [Fact]
    public void Validate_RequireWithSupportedTag_Passes()
    {
        var request = Invite();
        request.Headers.Add("Require", "timer");
        Assert.Equal(420, Validate(request)!.StatusCode);
        var policy = SipValidationPolicy.Default with { SupportedExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "timer" } };
        Assert.Null(Validate(request, policy));
        request.Headers.Add("Proxy-Require", "whatever");
        Assert.Null(Validate(request, policy));
    }

    [Fact]
    public void Validate_RequireOnAck_Ignored()
    {
        var request = Invite();
        request.Method = SipMethods.Ack;
        request.Headers.Set("CSeq", "1 ACK");
        request.Headers.Add("Require", "nothing");
        Assert.Null(Validate(request));
    }

    [Theory]
    [InlineData("application/sdp", null)]
    [InlineData("*/*", null)]
    [InlineData("application/*", null)]
    [InlineData("text/html, application/sdp;level=1", null)]
    [InlineData("text/html", 406)]
    public void Validate_InviteAccept_406UnlessSdpAcceptable(string accept, int? expected)
    {
        var request = Invite();
        request.Headers.Add("Accept", accept);
        Assert.Equal(expected, Validate(request)?.StatusCode);
    }

    [Fact]
    public void Validate_BodyOfUnacceptedType_415WithAccept()
    {
        var request = Invite();
        request.Headers.Set("Content-Type", "text/plain");
        var failure = Validate(request)!;
        Assert.Equal(415, failure.StatusCode);
        Assert.Equal("application/sdp", Assert.Single(failure.Headers).Value);
        var response = failure.CreateResponse(request, "x");
        Assert.Equal("application/sdp", response.Headers.Get("Accept"));
        Assert.Equal("x", response.To!.Tag);
    }

    [Fact]
    public void Validate_ToWithNonSipScheme_400()
    {
        var request = Invite();
        request.Headers.Set("To", "<http://example.com>");
        Assert.Equal(400, Validate(request)!.StatusCode);
    }
}
