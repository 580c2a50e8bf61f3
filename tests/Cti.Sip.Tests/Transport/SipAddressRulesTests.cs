using System.Net;
using Cti.Sip.Transport;

namespace Cti.Sip.Tests.Transport;

public sealed class SipAddressRulesTests
{
    [Theory]
    [InlineData("255.255.255.255", true)]
    [InlineData("224.0.0.1", true)]
    [InlineData("239.255.255.250", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("ff02::1", true)]
    [InlineData("::", true)]
    [InlineData("::ffff:224.0.0.1", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("192.0.2.10", false)]
    [InlineData("2001:db8::1", false)]
    public void IsForbiddenDestination_BroadcastMulticastUnspecified(string address, bool expected)
    {
        Assert.Equal(expected, SipAddressRules.IsForbiddenDestination(IPAddress.Parse(address)));
    }

    [Fact]
    public void ToViaText_MappedIPv4_ShownAsIPv4()
    {
        Assert.Equal("192.0.2.1", SipAddressRules.ToViaText(IPAddress.Parse("::ffff:192.0.2.1")));
    }
}
