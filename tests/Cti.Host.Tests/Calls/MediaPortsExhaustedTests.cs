using System.Net;
using System.Net.Sockets;
using Cti.Host.Tests.Api;
using Cti.Host.Tests.Trunks;
using Cti.Sip.Messages;

namespace Cti.Host.Tests.Calls;

/// <summary>A media range with room for exactly one relayed call (two RTP/RTCP pairs: one per leg).</summary>
public sealed class MediaPortsExhaustedTests : IAsyncLifetime
{
    private readonly SipTestCarrierResponder _peer = new();
    private TestHost _host = null!;
    private int _trunkPort;

    public async Task InitializeAsync()
    {
        var min = MediaPortBlock.Find(4);
        (_host, _trunkPort) = await CallHostTests.StartHostAsync(_peer, min, min + 3);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _peer.DisposeAsync();
    }

    [Fact]
    public async Task Invite_WhileFirstCallHoldsTheOnlyPorts_503MediaPortsExhaustedAndCounted()
    {
        using var first = new SipTestCarrier(_trunkPort);
        using var second = new SipTestCarrier(_trunkPort);
        using var rtp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var rtpPort = ((IPEndPoint)rtp.Client.LocalEndPoint!).Port;
        var holding = first.CreateInvite(CallHostTests.Did, CallHostTests.Caller, CallHostTests.Offer(rtpPort));
        await first.SendOnlyAsync(holding);
        var progress = await first.ReceiveResponseAsync(r => r.CSeq?.Method == SipMethods.Invite && r.StatusCode != 100);
        Assert.Equal(183, progress.StatusCode);

        var refused = await second.RequestAsync(second.CreateInvite(CallHostTests.Did, "13900001111", CallHostTests.Offer(rtpPort)));

        Assert.Equal(503, refused.StatusCode);
        Assert.Equal("Media ports exhausted", refused.ReasonPhrase);
        var metrics = await CallHostTests.MetricsAsync(_host);
        Assert.Contains("cti_calls_rejected_total{reason=\"no-media-ports\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("cti_calls_active 1", metrics, StringComparison.Ordinal);

        // Once the first call is gone its ports are free again.
        await first.SendOnlyAsync(SipTestCarrier.CreateCancel(holding));
        var terminated = await first.ReceiveResponseAsync(r => r.CSeq?.Method == SipMethods.Invite && r.StatusCode >= 200);
        Assert.Equal(487, terminated.StatusCode);
        await first.SendOnlyAsync(SipTestCarrier.CreateAck(holding, terminated));
        using var client = _host.CreateClient();
        await CallHostTests.WaitForCdrAsync(client, "abandoned");
        using var third = new SipTestCarrier(_trunkPort);
        var again = third.CreateInvite(CallHostTests.Did, "13900002222", CallHostTests.Offer(rtpPort));
        await third.SendOnlyAsync(again);
        var accepted = await third.ReceiveResponseAsync(r => r.CSeq?.Method == SipMethods.Invite && r.StatusCode != 100);
        Assert.Equal(183, accepted.StatusCode);
        await third.SendOnlyAsync(SipTestCarrier.CreateCancel(again));
        Assert.Equal(487, (await third.ReceiveResponseAsync(r => r.CSeq?.Method == SipMethods.Invite && r.StatusCode >= 200)).StatusCode);
    }
}
