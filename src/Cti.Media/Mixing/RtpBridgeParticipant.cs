using System.Net;
using System.Security.Cryptography;
using Cti.Media.Audio;
using Cti.Media.Rtp;

namespace Cti.Media.Mixing;

/// <summary>
/// One party of a <see cref="RtpMixingBridge"/>: its input (a small jitter buffer), its DTMF, and the RTP stream the
/// bridge mixes for it (an SSRC of its own, its own sequence numbers and timestamps, in its codec). Obtained from
/// <see cref="RtpMixingBridge.TryAddEndpoint"/> or <see cref="RtpMixingBridge.TryAdoptRelay"/>.
/// </summary>
public sealed class RtpBridgeParticipant
{
    private const int JitterDepth = 2;
    private readonly RtpMixingBridge _bridge;
    private readonly IRtpBridgeTransport _transport;
    private readonly TelephoneEventTracker _dtmf = new();
    private readonly byte[] _packet = new byte[RtpHeader.FixedSize + AudioFrameMixer.FrameSamples];
    private readonly uint _ssrc;
    private ushort _sequence;
    private uint _timestamp;
    private bool _markNext = true;
    private int _codec;
    private int _telephoneEventPayloadType = 101;
    private int _removed;
    private long _packetsIn;
    private long _packetsOut;
    private long _rejected;

    internal RtpBridgeParticipant(RtpMixingBridge bridge, string name, int slot, IRtpBridgeTransport transport, G711Codec codec)
    {
        _bridge = bridge;
        Name = name;
        Slot = slot;
        _transport = transport;
        _codec = (int)codec;
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        _ssrc = BitConverter.ToUInt32(random);
        _sequence = BitConverter.ToUInt16(random[4..]);
        _timestamp = BitConverter.ToUInt32(random[6..]);
    }

    /// <summary>A name for logs and events (e.g. "customer", "agent", "supervisor").</summary>
    public string Name { get; }

    /// <summary>The bridge's RTP address for this party: put it in the SDP sent to it.</summary>
    public IPEndPoint LocalRtpEndPoint => _transport.LocalRtpEndPoint;

    /// <summary>The bridge's RTCP address for this party (RTP port + 1).</summary>
    public IPEndPoint LocalRtcpEndPoint => _transport.LocalRtcpEndPoint;

    /// <summary>The codec of the stream sent to this party (from its SDP). Inputs are decoded by their own payload type.</summary>
    public G711Codec Codec
    {
        get => (G711Codec)Volatile.Read(ref _codec);
        set => Volatile.Write(ref _codec, value is G711Codec.Pcmu or G711Codec.Pcma ? (int)value : throw new ArgumentOutOfRangeException(nameof(value)));
    }

    /// <summary>The telephone-event payload type agreed with this party, or -1 when none. Default 101.</summary>
    public int TelephoneEventPayloadType
    {
        get => Volatile.Read(ref _telephoneEventPayloadType);
        set => Volatile.Write(ref _telephoneEventPayloadType, value);
    }

    /// <summary>The SSRC of the mixed stream sent to this party.</summary>
    public uint OutputSsrc => _ssrc;

    /// <summary>Whether the participant has been removed (its stream has stopped).</summary>
    public bool IsRemoved => Volatile.Read(ref _removed) != 0;

    internal int Slot { get; }

    internal IRtpBridgeTransport Transport => _transport;

    internal RtpJitterBuffer Jitter { get; } = new(JitterDepth);

    /// <summary>Sets where this party wants media, from its SDP; symmetric latching takes over on its first packet.</summary>
    public void SetRemote(IPEndPoint? rtp, IPEndPoint? rtcp = null) => _transport.SetRemote(rtp, rtcp);

    /// <summary>A snapshot of the counters. "In" is what the party sent, "out" the mixed packets sent to it.</summary>
    public RtpBridgeParticipantStatistics GetStatistics() => new(
        Interlocked.Read(ref _packetsIn),
        Interlocked.Read(ref _packetsOut),
        Jitter.Late,
        Jitter.Duplicates,
        Jitter.Overflowed,
        Jitter.Lost,
        Jitter.Underruns,
        Interlocked.Read(ref _rejected),
        _transport.RtcpPacketsIn);

    internal void MarkRemoved() => Volatile.Write(ref _removed, 1);

    internal void CountRejected() => Interlocked.Increment(ref _rejected);

    /// <summary>An accepted RTP packet from the party: DTMF is surfaced, G.711 audio buffered, anything else rejected.</summary>
    internal void OnRtp(in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        if (header.PayloadType == TelephoneEventPayloadType)
        {
            Interlocked.Increment(ref _packetsIn);
            if (TelephoneEvent.TryParse(payload, out var te) && _dtmf.TryTrack(header.Timestamp, te.End, out var end))
            {
                _bridge.RaiseDtmf(new RtpBridgeDtmfEvent(this, te.Digit, TimeSpan.FromMilliseconds(te.Duration / 8.0), end, header.Timestamp));
            }

            return;
        }

        OnAudio(header, payload);
    }

    /// <summary>An audio packet: buffered when it is a G.711 frame of at most 20 ms.</summary>
    internal void OnAudio(in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        if (!G711.TryGetCodec(header.PayloadType, out _) || payload.Length > RtpJitterBuffer.MaxFrameBytes)
        {
            CountRejected();
            return;
        }

        Interlocked.Increment(ref _packetsIn);
        Jitter.Push(header.Ssrc, header.SequenceNumber, header.PayloadType, payload);
    }

    /// <summary>Mixes what this party hears into its next packet and sends it. Tick thread only.</summary>
    internal void SendMixed(AudioFrameMixer mixer, ulong hears)
    {
        var codec = Codec;
        var header = new RtpHeader
        {
            Marker = _markNext,
            PayloadType = (byte)codec,
            SequenceNumber = _sequence,
            Timestamp = _timestamp,
            Ssrc = _ssrc,
        };
        var offset = header.Write(_packet);
        mixer.MixEncoded(Slot, hears, codec, _packet.AsSpan(offset));
        _timestamp = unchecked(_timestamp + AudioFrameMixer.FrameSamples);
        if (!IsRemoved && _transport.TrySend(_packet))
        {
            _markNext = false;
            _sequence = unchecked((ushort)(_sequence + 1));
            Interlocked.Increment(ref _packetsOut);
        }
    }

    /// <summary>Moves the clock on over frames the tick skipped after a stall, as a source that lost them would.</summary>
    internal void SkipFrames(long frames) => _timestamp = unchecked(_timestamp + (uint)(frames * AudioFrameMixer.FrameSamples));
}
