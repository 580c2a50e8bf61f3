using Cti.Trunks;
using Cti.Sip.Messages;

namespace Cti.Trunks.Tests;

public sealed class DidRouterTests
{
    private static readonly DidRouter Router = new(new Dictionary<string, string> { ["100"] = "support", ["+862161234567"] = "sales", ["4008001234"] = "vip" });

    [Theory]
    [InlineData("100", "support")]
    [InlineData("+862161234567", "sales")]
    [InlineData("+4008001234", "vip")]
    public void TryRoute_KnownDid_Queue(string did, string queue)
    {
        Assert.True(Router.TryRoute(did, out var found));
        Assert.Equal(queue, found);
    }

    [Theory]
    [InlineData("101")]
    [InlineData("862161234567")]
    [InlineData("")]
    [InlineData(null)]
    public void TryRoute_UnknownDid_False(string? did) => Assert.False(Router.TryRoute(did, out _));

    [Fact]
    public void DialledNumber_RequestUriUser_Used()
    {
        var request = Invite("sip:100;npdi@127.0.0.1:5080", "<sip:999@carrier>");

        Assert.Equal("100", DidRouter.DialledNumber(request));
    }

    [Fact]
    public void DialledNumber_NoRequestUriUser_ToUserUsed()
    {
        var request = Invite("sip:127.0.0.1:5080", "<sip:021-6123-4567@carrier>");

        Assert.Equal("02161234567", DidRouter.DialledNumber(request));
    }

    [Fact]
    public void DialledNumber_NoUserAnywhere_Null() =>
        Assert.Null(DidRouter.DialledNumber(Invite("sip:127.0.0.1:5080", "<sip:carrier>")));

    private static SipRequest Invite(string requestUri, string to)
    {
        var request = new SipRequest(SipMethods.Invite, SipUri.Parse(requestUri));
        request.Headers.Add(SipHeaderNames.To, to);
        return request;
    }
}
