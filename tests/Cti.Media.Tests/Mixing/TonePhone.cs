using System.Net;
using System.Net.Sockets;
using Cti.Media.Audio;
using Cti.Media.Rtp;

namespace Cti.Media.Tests.Mixing;

/// <summary>A loopback "phone" that sends a continuous test tone as 20 ms G.711 RTP frames and reads what it is sent.</summary>
internal sealed class TonePhone(string name, double frequency, G711Codec codec = G711Codec.Pcmu) : IDisposable
{
    private readonly UdpClient _client = RelayTestKit.Phone();
    private readonly uint _ssrc = (uint)Random.Shared.Next();
    private ushort _sequence = (ushort)Random.Shared.Next(0, 65536);
    private uint _timestamp = (uint)Random.Shared.Next();
    private int _frame;

    public string Name { get; } = name;

    public G711Codec Codec { get; } = codec;

    public IPEndPoint EndPoint => _client.EndPoint();

    /// <summary>Where this phone sends (the bridge's or relay's address for it).</summary>
    public IPEndPoint? Target { get; set; }

    public int Sent { get; private set; }

    public UdpClient Client => _client;

    public async Task SendToneAsync()
    {
        var payload = MixTestKit.Encode(MixTestKit.Tone(frequency, _frame++), Codec);
        await SendAsync(payload, (byte)Codec);
    }

    /// <summary>Sends one packet; <paramref name="timestamp"/> pins the RTP timestamp (RFC 4733 events keep theirs), else the clock moves on.</summary>
    public async Task SendAsync(byte[] payload, byte payloadType, ushort? sequence = null, uint? timestamp = null)
    {
        var packet = new byte[RtpHeader.FixedSize + payload.Length];
        new RtpHeader { PayloadType = payloadType, SequenceNumber = sequence ?? _sequence++, Timestamp = timestamp ?? _timestamp, Ssrc = _ssrc }.Write(packet);
        _timestamp += timestamp is null ? (uint)payload.Length : 0;
        payload.CopyTo(packet, RtpHeader.FixedSize);
        await _client.SendAsync(packet, Target ?? throw new InvalidOperationException("No target."));
        Sent++;
    }

    public async Task<byte[]> ReceivePacketAsync() => await RelayTestKit.ReceiveAsync(_client);

    /// <summary>The next packet's header and its audio decoded by its payload type.</summary>
    public async Task<(RtpHeader Header, short[] Samples)> ReceiveAudioAsync()
    {
        var packet = await ReceivePacketAsync();
        Assert.True(RtpHeader.TryRead(packet, out var header), $"{Name} received something that is not RTP");
        Assert.True(G711.TryGetCodec(header.PayloadType, out var codec), $"{Name} received payload type {header.PayloadType}");
        return (header, MixTestKit.Decode(header.GetPayload(packet), codec));
    }

    public void Dispose() => _client.Dispose();
}
