using System.Net;
using Cti.Sip.Transport;

namespace Cti.Registrar.Tests;

public sealed class StaticContactAddressTests
{
    [Fact]
    public void TryParse_UdpContact_UriAndDestination()
    {
        Assert.True(StaticContactAddress.TryParse("sip:1001@192.0.2.10:5062", out var contact));

        Assert.Equal("1001", contact.Uri.User);
        Assert.Equal(SipTransportProtocol.Udp, contact.Destination.Transport);
        Assert.Equal(IPEndPoint.Parse("192.0.2.10:5062"), contact.Destination.Remote);
    }

    [Theory]
    [InlineData("sip:1001@192.0.2.10:5060;transport=tcp")]
    [InlineData("sip:1001@192.0.2.10:5060;transport=TCP")]
    public void TryParse_TransportTcp_TcpDestination(string text)
    {
        Assert.True(StaticContactAddress.TryParse(text, out var contact));

        Assert.Equal(SipTransportProtocol.Tcp, contact.Destination.Transport);
        Assert.Equal(5060, contact.Destination.Remote.Port);
    }

    [Fact]
    public void TryParse_IPv6Host_Accepted()
    {
        Assert.True(StaticContactAddress.TryParse("sip:1001@[2001:db8::10]:5060", out var contact));

        Assert.Equal(IPAddress.Parse("2001:db8::10"), contact.Destination.Remote.Address);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a uri")]
    [InlineData("sip:1001@phone.example:5060")]
    [InlineData("sip:1001@192.0.2.10")]
    [InlineData("tel:+8613812345678")]
    [InlineData("sips:1001@192.0.2.10:5061")]
    [InlineData("http://192.0.2.10:5060")]
    [InlineData("sip:1001@999.0.2.10:5060")]
    public void TryParse_NotSipIpAndPort_False(string? text)
    {
        Assert.False(StaticContactAddress.TryParse(text, out var contact));
        Assert.Null(contact);
    }

    [Fact]
    public void AgentsOptionsValidator_BadStaticContact_NamesTheAgentAndValue()
    {
        var options = ValidAgents();
        options.Agents.Add(new AgentOptions { Extension = "1003", Password = "demo1003", StaticContact = "sip:1003@phone.example" });

        var errors = AgentsOptionsValidator.Collect(options);

        var error = Assert.Single(errors);
        Assert.StartsWith("Cti:Agents:2:StaticContact 'sip:1003@phone.example'", error, StringComparison.Ordinal);
        Assert.Contains("numeric IP host and a port", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AgentsOptionsValidator_GoodStaticContact_Succeeds()
    {
        var options = ValidAgents();
        options.Agents[0].StaticContact = "sip:1001@192.0.2.10:5060;transport=tcp";

        var result = new AgentsOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    private static AgentsOptions ValidAgents()
    {
        var options = new AgentsOptions();
        options.Agents.Add(new AgentOptions { Extension = "1001", DisplayName = "Agent 1001", Password = "demo1001" });
        options.Agents.Add(new AgentOptions { Extension = "1002", Ha1Md5 = new string('a', 32) });
        return options;
    }
}
