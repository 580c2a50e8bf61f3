using System.Net;
using System.Net.Sockets;
using System.Text;
using Cti.Sip.Messages;
using Cti.Sip.Stack;
using Cti.Sip.Tests.Stack;
using Cti.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Sip.Tests.Transport;

public sealed class SipTcpIdleTests
{
    [Fact]
    public async Task IdleConnection_ClosedAfterTimeoutOnHeartbeat()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new SipStackOptions { Transport = new SipTransportOptions { TcpIdleTimeout = TimeSpan.FromSeconds(60) } };
        await using var stack = new SipStack(options, new RecordingHandler(), time, NullLogger<SipStack>.Instance);
        await stack.StartAsync([new SipListenEndPoint(SipTransportProtocol.Tcp, IPAddress.Loopback, 0)]);
        using var client = new TcpClient(AddressFamily.InterNetwork);
        await client.ConnectAsync(stack.BoundEndPoints[0].ToIPEndPoint());
        var stream = client.GetStream();
        var reader = new SipLoopback.SipStreamReader(stream);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(SipLoopback.Options("z9hG4bKidle", viaTransport: "TCP")));
        Assert.Equal(200, ((SipResponse)await reader.ReadMessageAsync()).StatusCode);

        time.Advance(TimeSpan.FromSeconds(45));
        Assert.Equal(1, stack.TcpConnections);
        time.Advance(TimeSpan.FromSeconds(30));

        Assert.True(await reader.ClosedAsync());
    }
}
