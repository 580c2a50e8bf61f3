using System.Net;
using System.Net.Sockets;
using Cti.Media.Rtp;

namespace Cti.Media.Relay;

/// <summary>
/// One side of a relayed call: the relay's RTP and RTCP sockets for that party, where to send to it, and counters.
/// Obtained from <see cref="RtpRelaySession.LegA"/> / <see cref="RtpRelaySession.LegB"/>.
/// </summary>
public sealed class RtpRelayLeg
{
    private const long NoPacket = long.MinValue;
    private readonly TimeProvider _time;
    private readonly long _createdAt;
    private readonly object _sentGate = new();
    private long _packetsIn;
    private long _bytesIn;
    private long _packetsOut;
    private long _bytesOut;
    private long _rejected;
    private long _rtcpIn;
    private long _rtcpOut;
    private long _lastPacketAt = NoPacket;
    private int _payloadType;
    private int _telephoneEventPayloadType = 101;
    private bool _markNextRelayed;
    private bool _sentAudio;
    private ushort _sentSequence;
    private uint _sentTimestamp;
    private long _sentAt;

    internal RtpRelayLeg(RtpRelayLegId id, RtpPortPair ports, Socket rtpSocket, Socket rtcpSocket, TimeProvider time)
    {
        Id = id;
        Ports = ports;
        RtpSocket = rtpSocket;
        RtcpSocket = rtcpSocket;
        _time = time;
        _createdAt = time.GetTimestamp();
        LocalRtpEndPoint = (IPEndPoint)rtpSocket.LocalEndPoint!;
        LocalRtcpEndPoint = (IPEndPoint)rtcpSocket.LocalEndPoint!;
    }

    /// <summary>Which side this is.</summary>
    public RtpRelayLegId Id { get; }

    /// <summary>The allocated port pair.</summary>
    public RtpPortPair Ports { get; }

    /// <summary>The relay's RTP socket address for this party (put it in the SDP sent to this party).</summary>
    public IPEndPoint LocalRtpEndPoint { get; }

    /// <summary>The relay's RTCP socket address for this party.</summary>
    public IPEndPoint LocalRtcpEndPoint { get; }

    /// <summary>Payload type of the audio codec agreed with this party (0 PCMU, 8 PCMA); used for playback toward it. Default 0.</summary>
    public int PayloadType
    {
        get => Volatile.Read(ref _payloadType);
        set => Volatile.Write(ref _payloadType, value is 0 or 8 ? value : throw new ArgumentOutOfRangeException(nameof(value), "Only PCMU (0) and PCMA (8) are played back."));
    }

    /// <summary>The telephone-event payload type agreed with this party, or -1 when none; DTMF is surfaced from packets with it. Default 101.</summary>
    public int TelephoneEventPayloadType
    {
        get => Volatile.Read(ref _telephoneEventPayloadType);
        set => Volatile.Write(ref _telephoneEventPayloadType, value);
    }

    /// <summary>The source address RTP from this party was latched to, or null while media still goes to the signalled address.</summary>
    public IPEndPoint? LatchedRtpEndPoint => RtpLatch.LatchedEndPoint;

    internal Socket RtpSocket { get; }

    internal Socket RtcpSocket { get; }

    internal RtpSourceLatch RtpLatch { get; } = new();

    internal RtpSourceLatch RtcpLatch { get; } = new();

    internal RtpSequenceTracker Sequence { get; } = new();

    /// <summary>Start and end of this party's RFC 4733 events, each reported once.</summary>
    internal TelephoneEventTracker Dtmf { get; } = new();

    /// <summary>
    /// Added to the sequence number and timestamp of every packet relayed to this party, so that after playback or the
    /// mixer the relayed stream carries on the numbering the party heard last (see <see cref="TryGetContinuation"/>).
    /// Written and read only by the loop that relays to this leg.
    /// </summary>
    internal ushort RelaySequenceOffset { get; set; }

    /// <inheritdoc cref="RelaySequenceOffset"/>
    internal uint RelayTimestampOffset { get; set; }

    /// <summary>Set when playback toward this leg stops: the first relayed audio packet then carries the marker bit.</summary>
    internal bool MarkNextRelayed
    {
        get => Volatile.Read(ref _markNextRelayed);
        set => Volatile.Write(ref _markNextRelayed, value);
    }

    /// <summary>
    /// Sets where this party wants media, from its SDP (see <c>SdpNegotiationResult.RemoteRtp</c>). Until a packet
    /// arrives from the party, media goes here; afterwards to the packet's source (symmetric latching). A changed
    /// address (re-INVITE) clears the latch. <paramref name="rtcp"/> defaults to RTP port + 1.
    /// </summary>
    public void SetRemote(IPEndPoint? rtp, IPEndPoint? rtcp = null)
    {
        RtpLatch.SetSignalled(rtp);
        RtcpLatch.SetSignalled(rtcp ?? (rtp is null || rtp.Port >= 65535 ? null : new IPEndPoint(rtp.Address, rtp.Port + 1)));
    }

    /// <summary>Time since the last packet from this party (or since the leg was created); drives the media-timeout watchdog.</summary>
    public TimeSpan IdleTime
    {
        get
        {
            var last = Volatile.Read(ref _lastPacketAt);
            return _time.GetElapsedTime(last == NoPacket ? _createdAt : last);
        }
    }

    /// <summary>A snapshot of the counters.</summary>
    public RtpLegStatistics GetStatistics()
    {
        var last = Volatile.Read(ref _lastPacketAt);
        DateTimeOffset? lastAt = last == NoPacket ? null : _time.GetUtcNow() - _time.GetElapsedTime(last);
        return new RtpLegStatistics(
            Interlocked.Read(ref _packetsIn),
            Interlocked.Read(ref _bytesIn),
            Interlocked.Read(ref _packetsOut),
            Interlocked.Read(ref _bytesOut),
            Sequence.Lost,
            Interlocked.Read(ref _rejected),
            Interlocked.Read(ref _rtcpIn),
            Interlocked.Read(ref _rtcpOut),
            lastAt,
            RtpLatch.LatchedEndPoint);
    }

    internal void CountIn(int bytes, long now)
    {
        Interlocked.Increment(ref _packetsIn);
        Interlocked.Add(ref _bytesIn, bytes);
        Volatile.Write(ref _lastPacketAt, now);
    }

    internal void CountOut(int bytes)
    {
        Interlocked.Increment(ref _packetsOut);
        Interlocked.Add(ref _bytesOut, bytes);
    }

    /// <summary>
    /// Notes an RTP packet sent to this party (relayed, played or mixed): whoever takes over the stream next continues
    /// from it. Only audio moves the timestamp on; an RFC 4733 event carries its start time, not the current one.
    /// </summary>
    internal void NoteSent(in RtpHeader header, bool audio, long now)
    {
        lock (_sentGate)
        {
            _sentSequence = header.SequenceNumber;
            if (audio)
            {
                _sentAudio = true;
                _sentTimestamp = header.Timestamp;
                _sentAt = now;
            }
        }
    }

    /// <summary>
    /// The sequence number and timestamp for a stream that takes over from what this party received so far: the next
    /// sequence number, and the last timestamp moved on by the time passed (at least one frame). False before any
    /// audio went out.
    /// </summary>
    /// <remarks>
    /// A receiver may keep its jitter buffer's idea of the last played sequence number across an SSRC change (baresip
    /// 1.0 does): a new stream starting at a random sequence number then has one chance in two of being "late" for
    /// thousands of packets, and the party hears nothing. Carrying on the numbering avoids that.
    /// </remarks>
    internal bool TryGetContinuation(long now, int samplesPerFrame, out ushort sequence, out uint timestamp)
    {
        lock (_sentGate)
        {
            if (!_sentAudio)
            {
                sequence = 0;
                timestamp = 0;
                return false;
            }

            var elapsedSamples = (long)(_time.GetElapsedTime(_sentAt, now).TotalSeconds * 8000);
            sequence = unchecked((ushort)(_sentSequence + 1));
            timestamp = unchecked(_sentTimestamp + (uint)Math.Max(samplesPerFrame, elapsedSamples));
            return true;
        }
    }

    internal void CountRtcpIn(long now)
    {
        Interlocked.Increment(ref _rtcpIn);
        Volatile.Write(ref _lastPacketAt, now);
    }

    internal void CountRtcpOut() => Interlocked.Increment(ref _rtcpOut);

    internal void CountRejected() => Interlocked.Increment(ref _rejected);
}
