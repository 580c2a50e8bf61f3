using System.Net;
using System.Net.Sockets;
using System.Text;
using Cti.Sip.Messages;
using Cti.Sip.Stack;
using Cti.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cti.Sip.Tests.Stack;

public sealed class SipStackTcpTests : IAsyncLifetime
{
    private readonly RecordingHandler _handler = new();
    private SipStack _stack = null!;
    private IPEndPoint _server = null!;

    public async Task InitializeAsync()
    {
        _stack = new SipStack(new SipStackOptions(), _handler, TimeProvider.System, NullLogger<SipStack>.Instance);
        await _stack.StartAsync([new SipListenEndPoint(SipTransportProtocol.Tcp, IPAddress.Loopback, 0)]);
        _server = _stack.BoundEndPoints[0].ToIPEndPoint();
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    private async Task<(TcpClient Client, NetworkStream Stream, SipLoopback.SipStreamReader Reader)> ConnectAsync()
    {
        var client = new TcpClient(AddressFamily.InterNetwork);
        await client.ConnectAsync(_server);
        var stream = client.GetStream();
        return (client, stream, new SipLoopback.SipStreamReader(stream));
    }

    [Fact]
    public async Task TwoPipelinedRequests_BothAnsweredInOrderOnSameConnection()
    {
        var (client, stream, reader) = await ConnectAsync();
        using var _ = client;
        var both = SipLoopback.Options("z9hG4bKtcp1", viaTransport: "TCP", callId: "a") + SipLoopback.Options("z9hG4bKtcp2", viaTransport: "TCP", callId: "b");

        await stream.WriteAsync(Encoding.ASCII.GetBytes(both));
        var first = (SipResponse)await reader.ReadMessageAsync();
        var second = (SipResponse)await reader.ReadMessageAsync();

        Assert.Equal("a", first.CallId);
        Assert.Equal("b", second.CallId);
        Assert.All(new[] { first, second }, r => Assert.Equal(200, r.StatusCode));
        Assert.Equal(1, _stack.TcpConnections);
        Assert.All(_handler.Seen, c => Assert.Equal(((IPEndPoint)client.Client.LocalEndPoint!).Port, c.Source.Remote.Port));
    }

    [Fact]
    public async Task SplitRequest_AnsweredOnceComplete()
    {
        var (client, stream, reader) = await ConnectAsync();
        using var _ = client;
        var bytes = Encoding.ASCII.GetBytes(SipLoopback.Options("z9hG4bKtcp3", viaTransport: "TCP"));

        await stream.WriteAsync(bytes.AsMemory(0, 40));
        await stream.FlushAsync();
        await Task.Yield();
        await stream.WriteAsync(bytes.AsMemory(40));
        var response = (SipResponse)await reader.ReadMessageAsync();

        Assert.Equal(200, response.StatusCode);
        Assert.Single(_handler.Seen);
    }

    [Fact]
    public async Task DoubleCrlfPing_AnsweredWithCrlfPong()
    {
        var (client, stream, reader) = await ConnectAsync();
        using var _ = client;

        await stream.WriteAsync("\r\n\r\n"u8.ToArray());
        var pong = await reader.ReadBytesAsync(2);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(SipLoopback.Options("z9hG4bKtcp4", viaTransport: "TCP")));
        var response = (SipResponse)await reader.ReadMessageAsync();

        Assert.Equal("\r\n"u8.ToArray(), pong);
        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task BadContentLength_400ThenClosed()
    {
        var (client, stream, reader) = await ConnectAsync();
        using var _ = client;
        var bad = SipLoopback.Options("z9hG4bKtcp5", viaTransport: "TCP").Replace("Content-Length: 0", "Content-Length: lots", StringComparison.Ordinal);

        await stream.WriteAsync(Encoding.ASCII.GetBytes(bad));
        var response = (SipResponse)await reader.ReadMessageAsync();

        Assert.Equal(400, response.StatusCode);
        Assert.True(await reader.ClosedAsync());
        Assert.Empty(_handler.Seen);
    }

    [Fact]
    public async Task SendRequestAsync_OverTcp_ReusesPeerConnection()
    {
        var (client, stream, reader) = await ConnectAsync();
        using var _ = client;
        await stream.WriteAsync(Encoding.ASCII.GetBytes(SipLoopback.Options("z9hG4bKtcp6", viaTransport: "TCP")));
        await reader.ReadMessageAsync();
        var peer = _handler.Seen.Single().Source;

        var request = new SipRequest(SipMethods.Options, SipUri.Parse("sip:peer@127.0.0.1;transport=tcp"));
        request.Headers.Add(SipHeaderNames.From, "<sip:cti@cti.test>;tag=ours");
        request.Headers.Add(SipHeaderNames.To, "<sip:peer@cti.test>");
        request.Headers.Add(SipHeaderNames.CallId, "ping-tcp");
        request.Headers.Add(SipHeaderNames.CSeq, "7 OPTIONS");
        var pending = _stack.SendRequestAsync(request, new SipEndPoint(SipTransportProtocol.Tcp, peer.Remote));

        var ping = Assert.IsType<SipRequest>(await reader.ReadMessageAsync());
        Assert.Equal("TCP", ping.TopVia!.Transport);
        await stream.WriteAsync(Cti.Sip.Serialization.SipMessageWriter.ToBytes(SipResponseFactory.Create(ping, 200, toTag: "p")));

        Assert.Equal(200, (await pending.WaitAsync(SipLoopback.Wait)).StatusCode);
        Assert.Equal(1, _stack.TcpConnections);
    }
}
