using System.Net;
using System.Net.Sockets;
using Cti.Media.Relay;
using Cti.Media.Rtp;

namespace Cti.Media.Tests;

/// <summary>Loopback "phones" and packet builders for relay tests.</summary>
internal static class RelayTestKit
{
    private static int _nextRange = Random.Shared.Next(0, 200);

    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(5);

    /// <summary>A port range of its own for each test, so concurrently running test classes do not collide.</summary>
    public static RtpPortRangeOptions NextRange()
    {
        var slot = Interlocked.Increment(ref _nextRange) % 400;
        var min = 42000 + (slot * 40);
        return new RtpPortRangeOptions { MinPort = min, MaxPort = min + 39 };
    }

    public static RtpRelayOptions Options(bool latchAny = false) => new() { BindAddress = IPAddress.Loopback, LatchAnySource = latchAny, RelatchAfter = TimeSpan.Zero };

    public static UdpClient Phone() => new(new IPEndPoint(IPAddress.Loopback, 0));

    public static IPEndPoint EndPoint(this UdpClient client) => (IPEndPoint)client.Client.LocalEndPoint!;

    public static byte[] Rtp(ushort sequence, uint timestamp = 0, uint ssrc = 0x1234, byte payloadType = 0, int payloadBytes = 160, byte fill = 0x55)
    {
        var packet = new byte[RtpHeader.FixedSize + payloadBytes];
        new RtpHeader { PayloadType = payloadType, SequenceNumber = sequence, Timestamp = timestamp, Ssrc = ssrc }.Write(packet);
        packet.AsSpan(RtpHeader.FixedSize).Fill(fill);
        return packet;
    }

    public static byte[] Dtmf(ushort sequence, uint timestamp, char digit, bool end, ushort duration, byte payloadType = 101)
    {
        var packet = new byte[RtpHeader.FixedSize + TelephoneEvent.Size];
        new RtpHeader { PayloadType = payloadType, SequenceNumber = sequence, Timestamp = timestamp, Ssrc = 0x1234, Marker = !end && duration == 160 }.Write(packet);
        new TelephoneEvent((byte)TelephoneEvent.EventFor(digit), end, 10, duration).Write(packet.AsSpan(RtpHeader.FixedSize));
        return packet;
    }

    public static async Task<byte[]> ReceiveAsync(UdpClient client)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var result = await client.ReceiveAsync(cts.Token);
        return result.Buffer;
    }
}
