using System.Net;
using Cti.Sip.Messages;
using Cti.Sip.Stack;
using Cti.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Sip.Tests.Stack;

public sealed class SipStackTimeoutTests
{
    [Fact]
    public async Task SendRequestAsync_NoAnswer_Synthetic408AfterTimerF()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var stack = new SipStack(new SipStackOptions(), new RecordingHandler(), time, NullLogger<SipStack>.Instance);
        await stack.StartAsync([new SipListenEndPoint(SipTransportProtocol.Udp, IPAddress.Loopback, 0)]);
        using var silent = SipLoopback.UdpPeer();
        var request = new SipRequest(SipMethods.Options, SipUri.Parse("sip:peer@127.0.0.1"));
        request.Headers.Add(SipHeaderNames.From, "<sip:cti@cti.test>;tag=ours");
        request.Headers.Add(SipHeaderNames.To, "<sip:peer@cti.test>");
        request.Headers.Add(SipHeaderNames.CallId, "ping-2");
        request.Headers.Add(SipHeaderNames.CSeq, "1 OPTIONS");

        var pending = stack.SendRequestAsync(request, new SipEndPoint(SipTransportProtocol.Udp, (IPEndPoint)silent.LocalEndPoint!));
        Assert.Equal(1, stack.ActiveTransactions);
        for (var i = 0; i < 3200; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
        }

        var response = await pending.WaitAsync(SipLoopback.Wait);
        Assert.Equal(408, response.StatusCode);
        Assert.Equal(0, stack.ActiveTransactions);
    }

    [Fact]
    public async Task SendRequestAsync_BroadcastDestination_Refused503()
    {
        await using var stack = new SipStack(new SipStackOptions(), new RecordingHandler(), TimeProvider.System, NullLogger<SipStack>.Instance);
        await stack.StartAsync([new SipListenEndPoint(SipTransportProtocol.Udp, IPAddress.Loopback, 0)]);
        var request = new SipRequest(SipMethods.Options, SipUri.Parse("sip:all@255.255.255.255"));
        request.Headers.Add(SipHeaderNames.From, "<sip:cti@cti.test>;tag=ours");
        request.Headers.Add(SipHeaderNames.To, "<sip:all@cti.test>");
        request.Headers.Add(SipHeaderNames.CallId, "ping-3");
        request.Headers.Add(SipHeaderNames.CSeq, "1 OPTIONS");

        var response = await stack.SendRequestAsync(request, new SipEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Broadcast, 5060)))
            .WaitAsync(SipLoopback.Wait);

        Assert.Equal(503, response.StatusCode);
    }

    [Fact]
    public async Task DisposeAsync_PendingClientRequest_Completes503()
    {
        var stack = new SipStack(new SipStackOptions(), new RecordingHandler(), TimeProvider.System, NullLogger<SipStack>.Instance);
        await stack.StartAsync([new SipListenEndPoint(SipTransportProtocol.Udp, IPAddress.Loopback, 0)]);
        using var silent = SipLoopback.UdpPeer();
        var request = new SipRequest(SipMethods.Options, SipUri.Parse("sip:peer@127.0.0.1"));
        request.Headers.Add(SipHeaderNames.From, "<sip:cti@cti.test>;tag=ours");
        request.Headers.Add(SipHeaderNames.To, "<sip:peer@cti.test>");
        request.Headers.Add(SipHeaderNames.CallId, "ping-4");
        request.Headers.Add(SipHeaderNames.CSeq, "1 OPTIONS");
        var pending = stack.SendRequestAsync(request, new SipEndPoint(SipTransportProtocol.Udp, (IPEndPoint)silent.LocalEndPoint!));

        await stack.DisposeAsync();

        Assert.Equal(503, (await pending.WaitAsync(SipLoopback.Wait)).StatusCode);
    }
}
