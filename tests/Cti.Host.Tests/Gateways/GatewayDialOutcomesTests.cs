using Cti.Calls.Legs;
using Cti.Dialer.Campaigns;
using Cti.Gateways.Lines;
using Cti.Calls;
using Cti.Cdrs;

namespace Cti.Host.Tests.Gateways;

public sealed class GatewayDialOutcomesTests
{
    [Theory]
    [InlineData("Busy", null, CallOutcome.Busy, 17)]
    [InlineData("NoAnswer", null, CallOutcome.NoAnswer, 19)]
    [InlineData("NoCarrier", "User busy", CallOutcome.Busy, 17)]
    [InlineData("NoCarrier", "Unassigned (unallocated) number", CallOutcome.Invalid, 1)]
    [InlineData("NoCarrier", "No route to destination", CallOutcome.Invalid, 1)]
    [InlineData("NoCarrier", "No answer from user (user alerted)", CallOutcome.NoAnswer, 19)]
    [InlineData("NoCarrier", "Call rejected", CallOutcome.Busy, 21)]
    [InlineData("NoCarrier", "CC cause 18", CallOutcome.NoAnswer, 19)]
    [InlineData("NoCarrier", "CC cause 28", CallOutcome.Invalid, 1)]
    [InlineData("NoCarrier", "Normal call clearing", CallOutcome.NetworkFailure, 41)]
    [InlineData("NoCarrier", null, CallOutcome.NetworkFailure, 41)]
    [InlineData("NetworkError", null, CallOutcome.NetworkFailure, 41)]
    [InlineData("NoDialTone", null, CallOutcome.NetworkFailure, 41)]
    [InlineData("LineFailure", null, CallOutcome.NetworkFailure, 41)]
    [InlineData("CapReached", null, CallOutcome.NetworkFailure, 41)]
    public void Map_ResultCodeAndCause_DialerOutcomeAndQ850(string outcome, string? cause, CallOutcome expected, int q850)
    {
        var mapped = GatewayDialOutcomes.Map(new GatewayDialResult(Enum.Parse<GatewayDialOutcome>(outcome), cause));

        Assert.Equal(expected, mapped.Outcome);
        Assert.Equal(q850, mapped.Q850);
    }

    [Fact]
    public void Map_NoAnswer_HungUpBySystemBusyByCallee()
    {
        Assert.Equal(HangupParty.System, GatewayDialOutcomes.Map(new GatewayDialResult(GatewayDialOutcome.NoAnswer)).HungUpBy);
        Assert.Equal(HangupParty.Callee, GatewayDialOutcomes.Map(new GatewayDialResult(GatewayDialOutcome.Busy)).HungUpBy);
    }

    [Theory]
    [InlineData("sip:ch1@10.0.0.20", "10.0.0.20", 5060, "Udp")]
    [InlineData("sip:ch2@10.0.0.20:5070", "10.0.0.20", 5070, "Udp")]
    [InlineData("sip:ch3@10.0.0.21:5080;transport=tcp", "10.0.0.21", 5080, "Tcp")]
    public void AudioEndpoint_IpUri_Destination(string uri, string address, int port, string transport)
    {
        Assert.True(GatewayAudioEndpoint.TryParse(uri, out var endpoint));

        Assert.Equal(address, endpoint.Destination.Remote.Address.ToString());
        Assert.Equal(port, endpoint.Destination.Remote.Port);
        Assert.Equal(transport, endpoint.Destination.Transport.ToString());
    }

    [Theory]
    [InlineData("sip:ch1@gateway.example")]
    [InlineData("sips:ch1@10.0.0.20")]
    [InlineData("not a uri")]
    public void AudioEndpoint_NoIpOrSips_Refused(string uri)
    {
        Assert.False(GatewayAudioEndpoint.TryParse(uri, out _));
    }
}
