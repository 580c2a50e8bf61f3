using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Cti.Media.Audio;
using Cti.Media.Recording;
using Cti.Media.Rtp;
using Microsoft.Extensions.Logging;

namespace Cti.Media.Relay;

/// <summary>
/// Anchors one call's audio: two legs (A caller/trunk, B agent), each with an RTP and an RTCP socket, forwarding
/// A ↔ B with symmetric latching, counting, surfacing RFC 4733 DTMF, feeding an optional recorder, and playing
/// prompts/music to a leg instead of the other leg's audio.
/// </summary>
/// <remarks>
/// <para>Lifecycle: <see cref="TryCreate"/> (binds sockets), <see cref="RtpRelayLeg.SetRemote"/> per leg from SDP,
/// <see cref="Start"/>, then <see cref="DisposeAsync"/>, which closes the sockets and returns the ports.</para>
/// <para>Threads: one receive loop per socket (four per call) using pooled buffers and the
/// <see cref="SocketAddress"/>-based receive/send APIs, so relaying a packet allocates nothing. Events are raised on
/// those loops: handlers must be quick and must not block.</para>
/// <para>Playback and SSRC: played audio uses an SSRC of the relay's own, chosen per leg at the first playback and kept
/// for the whole call; it starts with the marker bit, and a later playback on the same leg continues its sequence
/// numbers and advances its timestamp by the wall time elapsed in between, again with the marker bit. Bridged audio
/// is relayed untouched except that the first audio packet after playback stops gets the marker bit: the party then
/// receives the other party's SSRC, a new source with a marked talkspurt start (RFC 3550 receivers handle both). Packets from the other leg are dropped while a leg hears playback.</para>
/// </remarks>
public sealed partial class RtpRelaySession : IAsyncDisposable
{
    private const int ReceiveBufferBytes = 2048;
    private readonly RtpPortAllocator _allocator;
    private readonly RtpRelayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = new(4);
    private readonly PlaybackStream?[] _playback = new PlaybackStream?[2];
    private readonly long _relatchAfterTicks;
    private CallRecorder? _recorder;
    private IRtpRelayTap? _tap;
    private int _started;
    private int _disposed;

    private RtpRelaySession(string callId, RtpRelayLeg legA, RtpRelayLeg legB, RtpPortAllocator allocator, RtpRelayOptions options, TimeProvider time, ILogger logger)
    {
        CallId = callId;
        LegA = legA;
        LegB = legB;
        _allocator = allocator;
        _options = options;
        _time = time;
        _logger = logger;
        _relatchAfterTicks = (long)(options.RelatchAfter.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>Raised on a receive loop for the start and the end of every RFC 4733 event from either leg.</summary>
    public event EventHandler<RtpDtmfEvent>? DtmfReceived;

    /// <summary>The call this relay belongs to (for logs and recordings).</summary>
    public string CallId { get; }

    /// <summary>The caller (trunk) side.</summary>
    public RtpRelayLeg LegA { get; }

    /// <summary>The agent side.</summary>
    public RtpRelayLeg LegB { get; }

    /// <summary>The leg with the given id.</summary>
    public RtpRelayLeg GetLeg(RtpRelayLegId id) => id == RtpRelayLegId.A ? LegA : LegB;

    /// <summary>
    /// Allocates two port pairs and binds the four sockets. False with <paramref name="error"/> when the range is
    /// exhausted or binding keeps failing; nothing stays allocated then.
    /// </summary>
    public static bool TryCreate(
        string callId,
        RtpPortAllocator allocator,
        RtpRelayOptions options,
        TimeProvider timeProvider,
        ILogger<RtpRelaySession> logger,
        out RtpRelaySession session,
        out RtpRelayCreateError error)
    {
        ArgumentNullException.ThrowIfNull(callId);
        ArgumentNullException.ThrowIfNull(allocator);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        session = null!;

        error = TryBindLeg(RtpRelayLegId.A, callId, allocator, options, timeProvider, logger, out var legA);
        if (error != RtpRelayCreateError.None)
        {
            return false;
        }

        error = TryBindLeg(RtpRelayLegId.B, callId, allocator, options, timeProvider, logger, out var legB);
        if (error != RtpRelayCreateError.None)
        {
            CloseLeg(legA!, allocator);
            return false;
        }

        session = new RtpRelaySession(callId, legA!, legB!, allocator, options, timeProvider, logger);
        Log.Created(logger, callId, legA!.LocalRtpEndPoint, legB!.LocalRtpEndPoint);
        return true;
    }

    /// <summary>Starts the receive loops. Call once, after the legs' remotes are known or as soon as media may arrive.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            return;
        }

        _loops.Add(ReceiveRtpAsync(LegA, LegB, _stop.Token));
        _loops.Add(ReceiveRtpAsync(LegB, LegA, _stop.Token));
        _loops.Add(ReceiveRtcpAsync(LegA, LegB, _stop.Token));
        _loops.Add(ReceiveRtcpAsync(LegB, LegA, _stop.Token));
    }

    /// <summary>Feeds both legs' audio to <paramref name="recorder"/> (null stops). The caller owns and disposes the recorder.</summary>
    public void AttachRecorder(CallRecorder? recorder) => Volatile.Write(ref _recorder, recorder);

    /// <summary>Whether the legs' audio currently goes to a tap (a mixing bridge) instead of to each other.</summary>
    public bool IsDiverted => Volatile.Read(ref _tap) is not null;

    /// <summary>Sends both legs' audio to <paramref name="tap"/> instead of to each other; false when another tap holds them.</summary>
    internal bool TryDivert(IRtpRelayTap tap)
    {
        ArgumentNullException.ThrowIfNull(tap);
        return Interlocked.CompareExchange(ref _tap, tap, null) is null;
    }

    /// <summary>Relays leg to leg again if <paramref name="tap"/> held the legs; the first relayed packet each way is marked.</summary>
    internal void StopDiverting(IRtpRelayTap tap)
    {
        if (Interlocked.CompareExchange(ref _tap, null, tap) == tap)
        {
            // The parties switch from the tap's streams back to each other's: a new source, a new talkspurt.
            LegA.MarkNextRelayed = true;
            LegB.MarkNextRelayed = true;
        }
    }

    /// <summary>
    /// Sends a packet produced by <paramref name="tap"/> to <paramref name="leg"/>'s party; false (nothing sent) when the
    /// tap no longer holds the legs, the leg hears playback, or its address is not known yet.
    /// </summary>
    internal bool TrySendFromTap(IRtpRelayTap tap, RtpRelayLegId leg, ReadOnlySpan<byte> packet)
    {
        var target = GetLeg(leg);
        if (Volatile.Read(ref _tap) != tap || IsPlaying(leg) || Volatile.Read(ref _disposed) != 0 || target.RtpLatch.Target is not { } address)
        {
            return false;
        }

        if (!TrySend(target.RtpSocket, packet, address))
        {
            return false;
        }

        target.CountOut(packet.Length);
        if (RtpHeader.TryRead(packet, out var header))
        {
            target.NoteSent(header, header.PayloadType != target.TelephoneEventPayloadType, _time.GetTimestamp());
        }

        return true;
    }

    /// <summary>Whether <paramref name="leg"/> currently hears playback.</summary>
    public bool IsPlaying(RtpRelayLegId leg) => Volatile.Read(ref _playback[(int)leg]) is { Active: true };

    /// <summary>
    /// Plays <paramref name="source"/> to <paramref name="leg"/> instead of the other leg's audio, one packet per ptime
    /// paced by the <see cref="TimeProvider"/>; the first packet goes out immediately. Replaces any current playback.
    /// </summary>
    public void StartPlayback(RtpRelayLegId leg, IRtpPayloadSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var target = GetLeg(leg);
        var stream = Volatile.Read(ref _playback[(int)leg]);
        var now = _time.GetTimestamp();
        var samplesPerFrame = (int)(_options.PlaybackPtime.TotalMilliseconds * 8);
        if (stream is not null && target.TryGetContinuation(now, samplesPerFrame, out var nextSequence, out var nextTimestamp))
        {
            // Played again after relayed audio: carry on the numbering the party heard last (see TryGetContinuation).
            lock (stream.Gate)
            {
                stream.Sequence = nextSequence;
                stream.Timestamp = nextTimestamp;
                stream.LastFrameAt = 0;
            }
        }

        if (stream is null)
        {
            Span<byte> random = stackalloc byte[10];
            RandomNumberGenerator.Fill(random);
            var continues = target.TryGetContinuation(now, samplesPerFrame, out var sequence, out var timestamp);
            stream = new PlaybackStream(
                target,
                BitConverter.ToUInt32(random),
                continues ? sequence : BitConverter.ToUInt16(random[4..]),
                continues ? timestamp : BitConverter.ToUInt32(random[6..]),
                samplesPerFrame);
            Volatile.Write(ref _playback[(int)leg], stream);
        }

        lock (stream.Gate)
        {
            stream.Timer?.Dispose();
            if (stream.LastFrameAt != 0)
            {
                // Resuming: move the clock on by the real time that passed so the receiver's jitter buffer stays sane.
                var elapsedSamples = (long)(_time.GetElapsedTime(stream.LastFrameAt).TotalMilliseconds * 8);
                stream.Timestamp = unchecked(stream.Timestamp + (uint)elapsedSamples);
            }

            stream.Source = source;
            stream.StartedAt = now;
            stream.FramesSent = 0;
            stream.MarkNext = true;
            stream.Active = true;
            SendDueFrames(stream);
            stream.Timer = _time.CreateTimer(static s => ((RtpRelaySession)((object[])s!)[0]).OnPlaybackTimer((PlaybackStream)((object[])s!)[1]), new object[] { this, stream }, _options.PlaybackPtime, _options.PlaybackPtime);
        }
    }

    /// <summary>Stops playback toward <paramref name="leg"/>; the other leg's audio is relayed to it again.</summary>
    public void StopPlayback(RtpRelayLegId leg)
    {
        if (Volatile.Read(ref _playback[(int)leg]) is not { } stream)
        {
            return;
        }

        lock (stream.Gate)
        {
            if (stream.Active)
            {
                stream.Leg.MarkNextRelayed = true;
            }

            stream.Active = false;
            stream.Timer?.Dispose();
            stream.Timer = null;
            stream.Source = null;
        }
    }

    /// <summary>Stops everything, closes the sockets, waits for the loops and returns the ports to the allocator.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        StopPlayback(RtpRelayLegId.A);
        StopPlayback(RtpRelayLegId.B);
        await _stop.CancelAsync();
        LegA.RtpSocket.Dispose();
        LegA.RtcpSocket.Dispose();
        LegB.RtpSocket.Dispose();
        LegB.RtcpSocket.Dispose();
        try
        {
            await Task.WhenAll(_loops);
        }
        catch (OperationCanceledException)
        {
            // expected on shutdown
        }

        _allocator.Release(LegA.Ports);
        _allocator.Release(LegB.Ports);
        _stop.Dispose();
    }

    private static RtpRelayCreateError TryBindLeg(
        RtpRelayLegId id, string callId, RtpPortAllocator allocator, RtpRelayOptions options, TimeProvider time, ILogger logger, out RtpRelayLeg? leg)
    {
        var error = RtpSocketBinder.TryBind(allocator, options, (ex, port) => Log.BindFailed(logger, ex, callId, port), out var pair, out var rtp, out var rtcp);
        leg = error == RtpRelayCreateError.None ? new RtpRelayLeg(id, pair, rtp!, rtcp!, time) : null;
        return error;
    }

    private static void CloseLeg(RtpRelayLeg leg, RtpPortAllocator allocator)
    {
        leg.RtpSocket.Dispose();
        leg.RtcpSocket.Dispose();
        allocator.Release(leg.Ports);
    }

    private async Task ReceiveRtpAsync(RtpRelayLeg from, RtpRelayLeg to, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferBytes);
        var source = new SocketAddress(from.RtpSocket.AddressFamily);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                int length;
                try
                {
                    length = await from.RtpSocket.ReceiveFromAsync(buffer.AsMemory(), SocketFlags.None, source, cancellationToken);
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
                {
                    continue; // ICMP unreachable from an earlier send, or an oversized datagram: not fatal for UDP
                }

                HandleRtp(from, to, buffer.AsSpan(0, length), source);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException || cancellationToken.IsCancellationRequested)
        {
            // closing: the socket was disposed under a pending receive
        }
        catch (Exception ex)
        {
            Log.ReceiveFailed(_logger, ex, CallId, from.Id);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task ReceiveRtcpAsync(RtpRelayLeg from, RtpRelayLeg to, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferBytes);
        var source = new SocketAddress(from.RtcpSocket.AddressFamily);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                int length;
                try
                {
                    length = await from.RtcpSocket.ReceiveFromAsync(buffer.AsMemory(), SocketFlags.None, source, cancellationToken);
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
                {
                    continue;
                }

                var packet = buffer.AsSpan(0, length);
                if (!RtcpPacketInspector.IsRtcp(packet) || !Accept(from, from.RtcpLatch, source, "RTCP"))
                {
                    from.CountRejected();
                    continue;
                }

                from.CountRtcpIn(_time.GetTimestamp());
                if (to.RtcpLatch.Target is { } target && TrySend(to.RtcpSocket, packet, target))
                {
                    to.CountRtcpOut();
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException || cancellationToken.IsCancellationRequested)
        {
            // closing: the socket was disposed under a pending receive
        }
        catch (Exception ex)
        {
            Log.ReceiveFailed(_logger, ex, CallId, from.Id);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private bool Accept(RtpRelayLeg from, RtpSourceLatch latch, SocketAddress source, string kind)
    {
        var decision = latch.Accept(source, _time.GetTimestamp(), _options.LatchAnySource, _relatchAfterTicks);
        if (decision == RtpLatchDecision.Latched)
        {
            Log.Latched(_logger, CallId, from.Id, kind, latch.LatchedEndPoint);
        }

        return decision != RtpLatchDecision.Rejected;
    }

    private void HandleRtp(RtpRelayLeg from, RtpRelayLeg to, Span<byte> packet, SocketAddress source)
    {
        if (!RtpHeader.TryRead(packet, out var header) || RtcpPacketInspector.IsRtcp(packet) || !Accept(from, from.RtpLatch, source, "RTP"))
        {
            from.CountRejected();
            return;
        }

        from.Sequence.Track(header.Ssrc, header.SequenceNumber);

        var payload = header.GetPayload(packet);
        if (header.PayloadType == from.TelephoneEventPayloadType)
        {
            SurfaceDtmf(from, header, payload);
        }
        else if (Volatile.Read(ref _recorder) is { } recorder && header.PayloadType is 0 or 8)
        {
            try
            {
                recorder.WritePacket(from.Id, header.Ssrc, header.Timestamp, header.PayloadType, payload);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                Volatile.Write(ref _recorder, null);
                Log.RecordingFailed(_logger, ex, CallId);
            }
        }

        if (Volatile.Read(ref _tap) is { } tap)
        {
            from.CountIn(packet.Length, _time.GetTimestamp());
            if (header.PayloadType != from.TelephoneEventPayloadType)
            {
                tap.OnAudio(from.Id, header, payload);
            }

            return;
        }

        var relayed = Volatile.Read(ref _playback[(int)to.Id]) is not { Active: true };
        if (relayed)
        {
            if (to.MarkNextRelayed && header.PayloadType != from.TelephoneEventPayloadType)
            {
                // First bridged packet after playback or the mixer: flag the start of a talkspurt, and carry on the
                // numbering the receiver heard last (a jitter buffer that keeps it across an SSRC change would
                // otherwise drop the relayed stream as late).
                to.MarkNextRelayed = false;
                packet[1] |= 0x80;
                if (to.TryGetContinuation(_time.GetTimestamp(), Math.Max(1, payload.Length), out var sequence, out var timestamp))
                {
                    to.RelaySequenceOffset = unchecked((ushort)(sequence - header.SequenceNumber));
                    to.RelayTimestampOffset = unchecked(timestamp - header.Timestamp);
                }
            }

            if (to.RelaySequenceOffset != 0 || to.RelayTimestampOffset != 0)
            {
                header = header with
                {
                    SequenceNumber = unchecked((ushort)(header.SequenceNumber + to.RelaySequenceOffset)),
                    Timestamp = unchecked(header.Timestamp + to.RelayTimestampOffset),
                };
                BinaryPrimitives.WriteUInt16BigEndian(packet[2..], header.SequenceNumber);
                BinaryPrimitives.WriteUInt32BigEndian(packet[4..], header.Timestamp);
            }

            // RFC 4733 events pass through, renumbered when the two parties agreed different payload types for them.
            if (header.PayloadType == from.TelephoneEventPayloadType && to.TelephoneEventPayloadType is >= 0 and < 128 &&
                to.TelephoneEventPayloadType != header.PayloadType)
            {
                packet[1] = (byte)((packet[1] & 0x80) | to.TelephoneEventPayloadType);
            }
        }

        // Counted once its fate is decided (relayed or dropped for playback) and before it leaves: whoever sees the
        // packet counted also sees that decision, and whoever receives it finds it counted.
        from.CountIn(packet.Length, _time.GetTimestamp());
        if (relayed && to.RtpLatch.Target is { } target && TrySend(to.RtpSocket, packet, target))
        {
            to.CountOut(packet.Length);
            to.NoteSent(header, header.PayloadType != from.TelephoneEventPayloadType, _time.GetTimestamp());
        }
    }

    // A failed UDP send (unreachable network, full buffer) loses one packet; it must not end the receive loop.
    private static bool TrySend(Socket socket, ReadOnlySpan<byte> packet, SocketAddress target)
    {
        try
        {
            socket.SendTo(packet, SocketFlags.None, target);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void SurfaceDtmf(RtpRelayLeg from, in RtpHeader header, ReadOnlySpan<byte> payload)
    {
        if (!TelephoneEvent.TryParse(payload, out var te))
        {
            return;
        }

        if (from.Dtmf.TryTrack(header.Timestamp, te.End, out var end))
        {
            Raise(new RtpDtmfEvent(from.Id, te.Digit, TimeSpan.FromMilliseconds(te.Duration / 8.0), end, header.Timestamp));
        }
    }

    private void Raise(RtpDtmfEvent dtmf)
    {
        try
        {
            DtmfReceived?.Invoke(this, dtmf);
        }
#pragma warning disable CA1031 // a faulty subscriber must not stop the media loop
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.DtmfHandlerFailed(_logger, ex, CallId);
        }
    }

    private void OnPlaybackTimer(PlaybackStream stream)
    {
        if (!Monitor.TryEnter(stream.Gate))
        {
            return; // the previous tick is still sending; it will catch up
        }

        try
        {
            if (stream.Active)
            {
                SendDueFrames(stream);
            }
        }
#pragma warning disable CA1031 // a failing send must not kill the timer thread
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.PlaybackFailed(_logger, ex, CallId, stream.Leg.Id);
        }
        finally
        {
            Monitor.Exit(stream.Gate);
        }
    }

    // Sends every frame due since playback started, so timer jitter does not slow the stream down; after a long stall
    // only the last few are sent and the timestamp jumps, as a real source would after losing packets.
    private void SendDueFrames(PlaybackStream stream)
    {
        const long MaxBurst = 3;
        var elapsedTicks = _time.GetElapsedTime(stream.StartedAt).Ticks;
        var due = (elapsedTicks / _options.PlaybackPtime.Ticks) + 1;
        var pending = due - stream.FramesSent;
        if (pending > MaxBurst)
        {
            var skipped = pending - MaxBurst;
            stream.FramesSent += skipped;
            stream.Timestamp = unchecked(stream.Timestamp + (uint)(skipped * stream.SamplesPerFrame));
            stream.Sequence = unchecked((ushort)(stream.Sequence + skipped));
            pending = MaxBurst;
        }

        for (; pending > 0; pending--)
        {
            SendFrame(stream);
        }
    }

    private void SendFrame(PlaybackStream stream)
    {
        var leg = stream.Leg;
        var payloadType = (byte)leg.PayloadType;
        var header = new RtpHeader
        {
            Marker = stream.MarkNext,
            PayloadType = payloadType,
            SequenceNumber = stream.Sequence,
            Timestamp = stream.Timestamp,
            Ssrc = stream.Ssrc,
        };
        var packet = stream.Packet.AsSpan();
        var offset = header.Write(packet);
        var payload = packet.Slice(offset, stream.SamplesPerFrame);
        var source = stream.Source!;
        source.ReadFrame(payload);
        var wanted = payloadType == 8 ? WavEncoding.ALaw : WavEncoding.MuLaw;
        if (source.Encoding != wanted)
        {
            for (var i = 0; i < payload.Length; i++)
            {
                payload[i] = wanted == WavEncoding.ALaw ? G711.EncodeALaw(G711.DecodeMuLaw(payload[i])) : G711.EncodeMuLaw(G711.DecodeALaw(payload[i]));
            }
        }

        stream.MarkNext = false;
        stream.Sequence = unchecked((ushort)(stream.Sequence + 1));
        stream.Timestamp = unchecked(stream.Timestamp + (uint)stream.SamplesPerFrame);
        stream.FramesSent++;
        stream.LastFrameAt = _time.GetTimestamp();
        if (leg.RtpLatch.Target is { } target && TrySend(leg.RtpSocket, packet[..(offset + stream.SamplesPerFrame)], target))
        {
            leg.CountOut(offset + stream.SamplesPerFrame);
            leg.NoteSent(header, audio: true, stream.LastFrameAt);
        }
    }
}
