using System.Net;
using Cti.Sip.Messages;
using Cti.Sip.Stack;
using Cti.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cti.Sip.Tests.Stack;

public sealed class SipStackStartTests
{
    private static readonly SipListenEndPoint AnyUdpPort = new(SipTransportProtocol.Udp, IPAddress.Loopback, 0);

    [Fact]
    public async Task StartAsync_HandlerGivenAtStart_RequestsReachIt()
    {
        var handler = new RecordingHandler();
        await using var stack = new SipStack(new SipStackOptions(), TimeProvider.System, NullLogger<SipStack>.Instance);
        await stack.StartAsync([AnyUdpPort], handler);
        using var peer = SipLoopback.UdpPeer();

        await SipLoopback.SendAsync(peer, SipLoopback.Options("z9hG4bKstart1"), stack.BoundEndPoints[0].ToIPEndPoint());

        Assert.Equal(200, Assert.IsType<SipResponse>(await SipLoopback.ReceiveAsync(peer)).StatusCode);
        Assert.Single(handler.Seen);
    }

    [Fact]
    public async Task StartAsync_NoHandlerAnywhere_RefusedBeforeBinding()
    {
        await using var stack = new SipStack(new SipStackOptions(), TimeProvider.System, NullLogger<SipStack>.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => stack.StartAsync([AnyUdpPort]));
        Assert.Empty(stack.BoundEndPoints);
    }

    [Fact]
    public async Task StartAsync_SecondHandler_Refused()
    {
        await using var stack = new SipStack(new SipStackOptions(), new RecordingHandler(), TimeProvider.System, NullLogger<SipStack>.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => stack.StartAsync([AnyUdpPort], new RecordingHandler()));
    }
}
