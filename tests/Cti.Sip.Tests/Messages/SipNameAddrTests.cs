using Cti.Sip.Messages;

namespace Cti.Sip.Tests.Messages;

public sealed class SipNameAddrTests
{
    [Theory]
    [InlineData("sip:1001@127.0.0.1:5070;expires=300;+sip.instance=\"<urn:uuid:0f4c>\"", null, "sip:1001@127.0.0.1:5070")]
    [InlineData("sip:1001@127.0.0.1;tag=a1", null, "sip:1001@127.0.0.1")]
    [InlineData("\"Agent <1001>, desk\" <sip:1001@h;transport=UDP>;q=0.5;+sip.instance=\"<urn:uuid:1>\"", "Agent <1001>, desk", "sip:1001@h;transport=UDP")]
    [InlineData("Agent 1001 <sip:1001@h>;tag=x", "Agent 1001", "sip:1001@h")]
    public void TryParse_AddrSpecAndNameAddrForms_UriAndDisplayName(string text, string? displayName, string uri)
    {
        Assert.True(SipNameAddr.TryParse(text, out var value), text);
        Assert.Equal(displayName, value.DisplayName);
        Assert.Equal(uri, value.Uri.ToString());
    }

    [Fact]
    public void TryParse_AddrSpecWithQuotedInstanceId_TheInstanceIdIsAHeaderParameter()
    {
        Assert.True(SipNameAddr.TryParse("sip:a@b;expires=60;+sip.instance=\"<urn:uuid:1>\"", out var value));

        Assert.Equal("\"<urn:uuid:1>\"", value.Parameters.Get("+sip.instance"));
        Assert.Equal("60", value.Parameters.Get("expires"));
    }

    [Theory]
    [InlineData("sip:a@b;p=\"<unterminated")]
    [InlineData("<sip:a@b")]
    [InlineData("Agent, desk <sip:a@b>")]
    public void TryParse_Malformed_False(string text) => Assert.False(SipNameAddr.TryParse(text, out _));
}
