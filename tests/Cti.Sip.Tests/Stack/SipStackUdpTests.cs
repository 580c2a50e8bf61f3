using System.Net;
using System.Net.Sockets;
using Cti.Sip.Messages;
using Cti.Sip.Stack;
using Cti.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cti.Sip.Tests.Stack;

public sealed class SipStackUdpTests : IAsyncLifetime
{
    private readonly RecordingHandler _handler = new();
    private readonly CountingObserver _observer = new();
    private SipStack _stack = null!;
    private IPEndPoint _server = null!;

    public async Task InitializeAsync()
    {
        _stack = new SipStack(new SipStackOptions(), _handler, TimeProvider.System, NullLogger<SipStack>.Instance, _observer);
        await _stack.StartAsync([new SipListenEndPoint(SipTransportProtocol.Udp, IPAddress.Loopback, 0)]);
        _server = _stack.BoundEndPoints[0].ToIPEndPoint();
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Fact]
    public async Task Options_Gets200AtSourcePortWithReceivedAndRPort()
    {
        using var peer = SipLoopback.UdpPeer();
        var peerPort = ((IPEndPoint)peer.LocalEndPoint!).Port;

        await SipLoopback.SendAsync(peer, SipLoopback.Options("z9hG4bKudp1"), _server);
        var (message, from) = await SipLoopback.ReceiveWithSourceAsync(peer);

        var response = Assert.IsType<SipResponse>(message);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("127.0.0.1", response.TopVia!.Received);
        Assert.Equal(peerPort, response.TopVia.RPort);
        Assert.Equal(_server, from);
        var context = Assert.Single(_handler.Seen);
        Assert.Equal(SipTransportProtocol.Udp, context.Source.Transport);
        Assert.Equal(peerPort, context.Source.Remote.Port);
        Assert.Equal(_server, context.Source.Local);
        Assert.Contains(SipMethods.Options, _observer.Requests);
        Assert.Contains(200, _observer.Responses);
    }

    [Fact]
    public async Task Options_WithoutRPortAndMatchingSentBy_NoReceivedAdded()
    {
        using var peer = SipLoopback.UdpPeer();
        var peerPort = ((IPEndPoint)peer.LocalEndPoint!).Port;

        await SipLoopback.SendAsync(peer, SipLoopback.Options("z9hG4bKudp2", $"127.0.0.1:{peerPort}", rport: false), _server);
        var response = (SipResponse)await SipLoopback.ReceiveAsync(peer);

        Assert.Null(response.TopVia!.Received);
        Assert.False(response.TopVia.HasRPort);
    }

    [Fact]
    public async Task Retransmission_HandlerSeesOnceAndResponseResent()
    {
        using var peer = SipLoopback.UdpPeer();
        var text = SipLoopback.Options("z9hG4bKudp3");

        await SipLoopback.SendAsync(peer, text, _server);
        var first = (SipResponse)await SipLoopback.ReceiveAsync(peer);
        await SipLoopback.SendAsync(peer, text, _server);
        var second = (SipResponse)await SipLoopback.ReceiveAsync(peer);

        Assert.Single(_handler.Seen);
        Assert.Equal(first.To!.Tag, second.To!.Tag);
    }

    [Fact]
    public async Task BadDatagram_Gets400NamingTheFault()
    {
        using var peer = SipLoopback.UdpPeer();
        var bad = SipLoopback.Options("z9hG4bKudp4").Replace("Max-Forwards: 70", "Max-Forwards: seventy", StringComparison.Ordinal);

        await SipLoopback.SendAsync(peer, bad, _server);
        var response = (SipResponse)await SipLoopback.ReceiveAsync(peer);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("Max-Forwards", response.ReasonPhrase, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_handler.Seen);
        Assert.NotEmpty(_observer.ParseErrors);
    }

    [Fact]
    public async Task KeepAliveDatagram_IgnoredThenNextRequestAnswered()
    {
        using var peer = SipLoopback.UdpPeer();

        await SipLoopback.SendAsync(peer, "\r\n\r\n", _server);
        await SipLoopback.SendAsync(peer, SipLoopback.Options("z9hG4bKudp5"), _server);
        var response = (SipResponse)await SipLoopback.ReceiveAsync(peer);

        Assert.Equal(200, response.StatusCode);
        Assert.Empty(_observer.ParseErrors);
    }

    [Fact]
    public async Task MethodNotAllowed_ValidatorAnswersWithoutHandler()
    {
        using var peer = SipLoopback.UdpPeer();

        await SipLoopback.SendAsync(peer, SipLoopback.Options("z9hG4bKudp6", method: "PUBLISH"), _server);
        var response = (SipResponse)await SipLoopback.ReceiveAsync(peer);

        Assert.Equal(405, response.StatusCode);
        Assert.Empty(_handler.Seen);
    }

    [Fact]
    public async Task HandlerThrows_Gets500()
    {
        _handler.Respond = _ => throw new InvalidOperationException("handler bug");
        using var peer = SipLoopback.UdpPeer();

        await SipLoopback.SendAsync(peer, SipLoopback.Options("z9hG4bKudp7"), _server);
        var response = (SipResponse)await SipLoopback.ReceiveAsync(peer);

        Assert.Equal(500, response.StatusCode);
    }

    [Fact]
    public async Task SendRequestAsync_Options_ReturnsPeerFinalResponse()
    {
        using var peer = SipLoopback.UdpPeer();
        var peerEndPoint = (IPEndPoint)peer.LocalEndPoint!;
        var request = new SipRequest(SipMethods.Options, SipUri.Parse($"sip:peer@127.0.0.1:{peerEndPoint.Port}"));
        request.Headers.Add(SipHeaderNames.From, "<sip:cti@cti.test>;tag=ours");
        request.Headers.Add(SipHeaderNames.To, "<sip:peer@cti.test>");
        request.Headers.Add(SipHeaderNames.CallId, "ping-1");
        request.Headers.Add(SipHeaderNames.CSeq, "1 OPTIONS");

        var pending = _stack.SendRequestAsync(request, new SipEndPoint(SipTransportProtocol.Udp, peerEndPoint));
        var (received, from) = await SipLoopback.ReceiveWithSourceAsync(peer);
        var ping = Assert.IsType<SipRequest>(received);
        Assert.StartsWith("z9hG4bK", ping.TopVia!.Branch, StringComparison.Ordinal);
        Assert.True(ping.TopVia.HasRPort);
        Assert.Equal(_server.Port, ping.TopVia.Port);
        Assert.Equal(70, ping.MaxForwards);
        await peer.SendToAsync(Cti.Sip.Serialization.SipMessageWriter.ToBytes(SipResponseFactory.Create(ping, 200, toTag: "p")), SocketFlags.None, from);

        var response = await pending.WaitAsync(SipLoopback.Wait);
        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task StrayResponse_DiscardedSilently()
    {
        using var peer = SipLoopback.UdpPeer();
        var stray = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKnobody\r\nFrom: <sip:a@x>;tag=1\r\n" +
                    "To: <sip:b@x>;tag=2\r\nCall-ID: stray\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

        await SipLoopback.SendAsync(peer, stray, _server);
        await SipLoopback.SendAsync(peer, SipLoopback.Options("z9hG4bKudp8", callId: "after-stray"), _server);
        var response = (SipResponse)await SipLoopback.ReceiveAsync(peer);

        Assert.Equal("after-stray", response.CallId);
        Assert.Empty(_observer.ParseErrors);
    }

    [Fact]
    public async Task SendAckAsync_SentStatelesslyOnNewBranch()
    {
        using var peer = SipLoopback.UdpPeer();
        var ack = new SipRequest(SipMethods.Ack, SipUri.Parse("sip:peer@127.0.0.1"));
        ack.Headers.Add(SipHeaderNames.From, "<sip:cti@cti.test>;tag=ours");
        ack.Headers.Add(SipHeaderNames.To, "<sip:peer@cti.test>;tag=theirs");
        ack.Headers.Add(SipHeaderNames.CallId, "dialog-1");
        ack.Headers.Add(SipHeaderNames.CSeq, "1 ACK");

        await _stack.SendAckAsync(ack, new SipEndPoint(SipTransportProtocol.Udp, (IPEndPoint)peer.LocalEndPoint!));
        var received = Assert.IsType<SipRequest>(await SipLoopback.ReceiveAsync(peer));

        Assert.Equal(SipMethods.Ack, received.Method);
        Assert.StartsWith("z9hG4bK", received.TopVia!.Branch, StringComparison.Ordinal);
        Assert.Equal(0, _stack.ActiveTransactions);
    }
}
