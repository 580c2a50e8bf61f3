using System.Collections.Concurrent;
using Cti.Media.Audio;
using Cti.Media.Relay;
using Microsoft.Extensions.Logging;

namespace Cti.Media.Mixing;

/// <summary>
/// Mixes audio among parties every 20 ms: listen, whisper and barge on a call, and conferences. Each party is a
/// <see cref="RtpBridgeParticipant"/>: either an endpoint with its own port pair (<see cref="TryAddEndpoint"/>) or one
/// of the two legs of an existing <see cref="RtpRelaySession"/> (<see cref="TryAdoptRelay"/>), which keep their ports,
/// SDP, latching, DTMF and recording and go back to plain relaying with <see cref="ReleaseRelay"/>.
/// </summary>
/// <remarks>
/// <para>Every tick (a <see cref="TimeProvider"/> timer) takes one frame from each participant's jitter buffer (or
/// silence), and sends each participant the mix of whom it hears (<see cref="HearingMatrix"/>), never itself, in its
/// codec, with its own SSRC, sequence numbers and timestamps; for an adopted relay leg the sequence numbers and
/// timestamps carry on from what the relay last sent the party, so its jitter buffer does not take the mix for late
/// packets. A new participant hears nobody and is heard by nobody until a hearing rule says otherwise.</para>
/// <para>Threads: joins, removals and hearing changes may come from any thread; they are queued and applied in order
/// at the start of the next tick, so changes made together take effect together. The tick owns the mix state, so it
/// needs no lock beyond guarding against overlapping ticks. RFC 4733 events raise <see cref="DtmfReceived"/> on a
/// receive loop and are not mixed.</para>
/// </remarks>
public sealed partial class RtpMixingBridge : IAsyncDisposable
{
    /// <summary>Participant slots when none are given.</summary>
    public const int DefaultCapacity = 16;

    private const long MaxBurst = 3;
    private static readonly TimeSpan Ptime = TimeSpan.FromMilliseconds(20);
    private readonly RtpPortAllocator _allocator;
    private readonly RtpRelayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly object _tickGate = new();
    private readonly ConcurrentQueue<Action> _changes = new();
    private readonly List<RtpBridgeSocketTransport> _endpoints = [];
    private readonly List<Task> _closedLoops = [];
    private readonly List<RtpRelayBridgeTap> _taps = [];
    private readonly RtpBridgeParticipant?[] _slots;
    private readonly HearingMatrix _hearing;
    private readonly AudioFrameMixer _mixer;
    private readonly byte[] _frame = new byte[RtpJitterBuffer.MaxFrameBytes];
    private ulong _reserved;
    private ulong _active;
    private ITimer? _timer;
    private long _startedAt;
    private long _ticks;
    private long _framesMixed;
    private long _skipped;
    private int _participants;
    private int _disposed;

    /// <summary>A bridge with <paramref name="capacity"/> participant slots (at most 64); call <see cref="Start"/> to run it.</summary>
    public RtpMixingBridge(string bridgeId, RtpPortAllocator allocator, RtpRelayOptions options, TimeProvider timeProvider, ILogger<RtpMixingBridge> logger, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(bridgeId);
        ArgumentNullException.ThrowIfNull(allocator);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, HearingMatrix.MaxParticipants);
        BridgeId = bridgeId;
        _allocator = allocator;
        _options = options;
        _time = timeProvider;
        _logger = logger;
        _slots = new RtpBridgeParticipant?[capacity];
        _hearing = new HearingMatrix(capacity);
        _mixer = new AudioFrameMixer(capacity);
    }

    /// <summary>Raised on a receive loop for the start and the end of every RFC 4733 event from a bridge endpoint.</summary>
    /// <remarks>Adopted relay legs keep reporting their DTMF through <see cref="RtpRelaySession.DtmfReceived"/>.</remarks>
    public event EventHandler<RtpBridgeDtmfEvent>? DtmfReceived;

    /// <summary>The call or conference this bridge belongs to (for logs).</summary>
    public string BridgeId { get; }

    /// <summary>Number of participant slots.</summary>
    public int Capacity => _slots.Length;

    /// <summary>
    /// Adds a party with a port pair of its own (a supervisor, a conference member). Its receive loops start at once;
    /// it joins the mix at the next tick, hearing nobody and heard by nobody.
    /// </summary>
    public bool TryAddEndpoint(string name, G711Codec codec, out RtpBridgeParticipant participant, out RtpBridgeJoinError error)
    {
        ArgumentNullException.ThrowIfNull(name);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        participant = null!;
        if (!TryReserve(1, out var slot, out _))
        {
            error = RtpBridgeJoinError.BridgeFull;
            return false;
        }

        var bound = RtpSocketBinder.TryBind(_allocator, _options, (ex, port) => Log.BindFailed(_logger, ex, BridgeId, port), out var ports, out var rtp, out var rtcp);
        if (bound != RtpRelayCreateError.None)
        {
            Unreserve(slot);
            error = bound == RtpRelayCreateError.PortsExhausted ? RtpBridgeJoinError.PortsExhausted : RtpBridgeJoinError.BindFailed;
            return false;
        }

        var transport = new RtpBridgeSocketTransport(ports, rtp!, rtcp!, _options, _time);
        var joined = new RtpBridgeParticipant(this, name, slot, transport, codec);
        bool added;
        lock (_gate)
        {
            // Disposal takes this lock after setting its flag, so an endpoint added here is one it will close.
            added = Volatile.Read(ref _disposed) == 0;
            if (added)
            {
                _endpoints.Add(transport);
                transport.Start(joined, ex => Log.ReceiveFailed(_logger, ex, BridgeId, name));
            }
        }

        if (!added)
        {
            transport.Close();
            _allocator.Release(ports);
            Unreserve(slot);
            throw new ObjectDisposedException(nameof(RtpMixingBridge));
        }

        _changes.Enqueue(() => Join(joined));
        participant = joined;
        error = RtpBridgeJoinError.None;
        return true;
    }

    /// <summary>
    /// Takes over both legs of <paramref name="relay"/> (leg A the customer, leg B the agent): from now on their audio
    /// goes through the mix and they hear each other as before; add a third party and set its hearing to monitor or
    /// conference. Ports, SDP, latching, DTMF (<see cref="RtpRelaySession.DtmfReceived"/>) and recording stay with the
    /// relay; while a leg hears playback the bridge does not send to it. False when the bridge has no two free slots
    /// or the relay is already in a bridge.
    /// </summary>
    public bool TryAdoptRelay(RtpRelaySession relay, out RtpBridgeParticipant legA, out RtpBridgeParticipant legB, out RtpBridgeJoinError error)
    {
        ArgumentNullException.ThrowIfNull(relay);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        legA = legB = null!;
        if (!TryReserve(2, out var slotA, out var slotB))
        {
            error = RtpBridgeJoinError.BridgeFull;
            return false;
        }

        var tap = new RtpRelayBridgeTap(relay);
        var a = new RtpBridgeParticipant(this, $"{relay.CallId}/A", slotA, new RtpRelayLegTransport(relay, tap, RtpRelayLegId.A, _time), CodecOf(relay.LegA));
        var b = new RtpBridgeParticipant(this, $"{relay.CallId}/B", slotB, new RtpRelayLegTransport(relay, tap, RtpRelayLegId.B, _time), CodecOf(relay.LegB));
        tap.LegA = a;
        tap.LegB = b;
        if (!relay.TryDivert(tap))
        {
            Unreserve(slotA);
            Unreserve(slotB);
            error = RtpBridgeJoinError.RelayInUse;
            return false;
        }

        bool added;
        lock (_gate)
        {
            added = Volatile.Read(ref _disposed) == 0;
            if (added)
            {
                _taps.Add(tap);
            }
        }

        if (!added)
        {
            // Disposed meanwhile: nobody would hand the legs back.
            relay.StopDiverting(tap);
            Unreserve(slotA);
            Unreserve(slotB);
            throw new ObjectDisposedException(nameof(RtpMixingBridge));
        }

        _changes.Enqueue(() =>
        {
            Join(a);
            Join(b);
            _hearing.Set(a.Slot, b.Slot, true);
            _hearing.Set(b.Slot, a.Slot, true);
        });
        legA = a;
        legB = b;
        error = RtpBridgeJoinError.None;
        return true;
    }

    /// <summary>Gives <paramref name="relay"/>'s legs back to plain relaying at once and removes them from the mix.</summary>
    public void ReleaseRelay(RtpRelaySession relay)
    {
        ArgumentNullException.ThrowIfNull(relay);
        RtpRelayBridgeTap? tap;
        lock (_gate)
        {
            tap = _taps.Find(t => t.Relay == relay);
            if (tap is not null)
            {
                _taps.Remove(tap);
            }
        }

        if (tap is null)
        {
            return;
        }

        relay.StopDiverting(tap);
        Detach(tap.LegA!);
        Detach(tap.LegB!);
    }

    /// <summary>
    /// Removes a participant: its stream stops at once, it leaves the mix at the next tick and its ports are released.
    /// Removing either leg of an adopted relay hands the whole relay back (<see cref="ReleaseRelay"/>): one leg alone
    /// would hear nothing.
    /// </summary>
    public void Remove(RtpBridgeParticipant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        if (participant.Transport is RtpRelayLegTransport leg)
        {
            ReleaseRelay(leg.Relay);
            return;
        }

        Detach(participant);
    }

    /// <summary>Lets <paramref name="listener"/> hear <paramref name="speaker"/>, or not, from the next tick.</summary>
    public void SetHearing(RtpBridgeParticipant listener, RtpBridgeParticipant speaker, bool hears)
    {
        ArgumentNullException.ThrowIfNull(listener);
        ArgumentNullException.ThrowIfNull(speaker);
        _changes.Enqueue(() =>
        {
            if (InMix(listener) && InMix(speaker))
            {
                _hearing.Set(listener.Slot, speaker.Slot, hears);
            }
        });
    }

    /// <summary>
    /// Sets who hears whom among <paramref name="participants"/> at once, from the next tick: <paramref name="hears"/>
    /// is asked for every ordered pair of their indexes (listener, speaker) now, so no tick sees half a change.
    /// </summary>
    public void SetHearing(IReadOnlyList<RtpBridgeParticipant> participants, Func<int, int, bool> hears)
    {
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(hears);
        var members = participants.ToArray();
        var plan = new bool[members.Length, members.Length];
        for (var listener = 0; listener < members.Length; listener++)
        {
            for (var speaker = 0; speaker < members.Length; speaker++)
            {
                plan[listener, speaker] = listener != speaker && hears(listener, speaker);
            }
        }

        _changes.Enqueue(() =>
        {
            for (var listener = 0; listener < members.Length; listener++)
            {
                for (var speaker = 0; speaker < members.Length; speaker++)
                {
                    if (listener != speaker && InMix(members[listener]) && InMix(members[speaker]))
                    {
                        _hearing.Set(members[listener].Slot, members[speaker].Slot, plan[listener, speaker]);
                    }
                }
            }
        });
    }

    /// <summary>Applies a monitoring mode among the three from the next tick (see <see cref="HearingRules.ApplyMonitoring"/>).</summary>
    public void SetMonitoring(MonitoringMode mode, RtpBridgeParticipant customer, RtpBridgeParticipant agent, RtpBridgeParticipant supervisor)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(supervisor);
        _changes.Enqueue(() =>
        {
            if (InMix(customer) && InMix(agent) && InMix(supervisor))
            {
                HearingRules.ApplyMonitoring(_hearing, mode, customer.Slot, agent.Slot, supervisor.Slot);
            }
        });
    }

    /// <summary>Everyone of <paramref name="parties"/> hears everyone else of them, from the next tick.</summary>
    public void SetConference(IReadOnlyList<RtpBridgeParticipant> parties)
    {
        ArgumentNullException.ThrowIfNull(parties);
        var members = parties.ToArray();
        _changes.Enqueue(() => HearingRules.ApplyConference(_hearing, members.Where(InMix).Select(p => p.Slot).ToArray()));
    }

    /// <summary>Starts the 20 ms tick. Call once.</summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            if (_timer is not null)
            {
                return;
            }

            _startedAt = _time.GetTimestamp();
            _timer = _time.CreateTimer(static state => ((RtpMixingBridge)state!).OnTimer(), this, Ptime, Ptime);
        }
    }

    /// <summary>A snapshot of the counters.</summary>
    public RtpMixingBridgeStatistics GetStatistics() => new(
        Interlocked.Read(ref _ticks),
        Interlocked.Read(ref _framesMixed),
        Interlocked.Read(ref _skipped),
        Volatile.Read(ref _participants));

    /// <summary>Stops the tick, hands adopted relays back to plain relaying, closes the endpoints and releases their ports.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        RtpRelayBridgeTap[] taps;
        RtpBridgeSocketTransport[] endpoints;
        lock (_gate)
        {
            _timer?.Dispose();
            taps = [.. _taps];
            endpoints = [.. _endpoints];
            _taps.Clear();
            _endpoints.Clear();
        }

        lock (_tickGate)
        {
            // Waits for a tick in progress; none starts after this (the timer is gone and ticks check _disposed).
        }

        foreach (var tap in taps)
        {
            tap.Relay.StopDiverting(tap);
        }

        foreach (var endpoint in endpoints)
        {
            endpoint.Close();
        }

        Task[] loops;
        lock (_gate)
        {
            loops = [.. _closedLoops, .. endpoints.Select(e => e.WhenClosedAsync())];
        }

        await Task.WhenAll(loops);
        foreach (var endpoint in endpoints)
        {
            _allocator.Release(endpoint.Ports);
        }
    }

    internal void RaiseDtmf(RtpBridgeDtmfEvent dtmf)
    {
        try
        {
            DtmfReceived?.Invoke(this, dtmf);
        }
#pragma warning disable CA1031 // a faulty subscriber must not stop the media loop
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.DtmfHandlerFailed(_logger, ex, BridgeId);
        }
    }

    /// <summary>Runs the mixing rounds due since the start. Internal for tests and benchmarks that drive it by hand.</summary>
    internal void OnTimer()
    {
        if (!Monitor.TryEnter(_tickGate))
        {
            return; // the previous tick is still mixing; it will catch up
        }

        try
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return;
            }

            var due = _time.GetElapsedTime(_startedAt).Ticks / Ptime.Ticks;
            var pending = due - _ticks - _skipped;
            if (pending > MaxBurst)
            {
                // After a stall, mix only the last few rounds; the streams' clocks jump as after lost packets.
                SkipRounds(pending - MaxBurst);
                pending = MaxBurst;
            }

            for (; pending > 0; pending--)
            {
                MixRound();
            }
        }
#pragma warning disable CA1031 // a failing round must not kill the timer thread
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.TickFailed(_logger, ex, BridgeId);
        }
        finally
        {
            Monitor.Exit(_tickGate);
        }
    }

    private void MixRound()
    {
        while (_changes.TryDequeue(out var change))
        {
            change();
        }

        _mixer.BeginFrame();
        for (var active = _active; active != 0; active &= active - 1)
        {
            var slot = System.Numerics.BitOperations.TrailingZeroCount(active);
            if (_slots[slot]!.Jitter.TryPop(_frame, out var length, out var payloadType) && G711.TryGetCodec(payloadType, out var codec))
            {
                _mixer.SetInput(slot, codec, _frame.AsSpan(0, length));
            }
        }

        var mixed = 0;
        for (var active = _active; active != 0; active &= active - 1)
        {
            var slot = System.Numerics.BitOperations.TrailingZeroCount(active);
            _slots[slot]!.SendMixed(_mixer, _hearing.HeardBy(slot));
            mixed++;
        }

        Interlocked.Add(ref _framesMixed, mixed);
        Interlocked.Increment(ref _ticks);
    }

    private void SkipRounds(long rounds)
    {
        for (var active = _active; active != 0; active &= active - 1)
        {
            _slots[System.Numerics.BitOperations.TrailingZeroCount(active)]!.SkipFrames(rounds);
        }

        Interlocked.Add(ref _skipped, rounds);
    }

    private void Detach(RtpBridgeParticipant participant)
    {
        if (participant.IsRemoved)
        {
            return;
        }

        participant.MarkRemoved();
        _changes.Enqueue(() => Leave(participant));
    }

    private void Join(RtpBridgeParticipant participant)
    {
        _hearing.Isolate(participant.Slot);
        _slots[participant.Slot] = participant;
        _active |= HearingMatrix.Bit(participant.Slot);
        Interlocked.Increment(ref _participants);
        Log.Joined(_logger, BridgeId, participant.Name, participant.Slot);
    }

    private void Leave(RtpBridgeParticipant participant)
    {
        _hearing.Isolate(participant.Slot);
        _slots[participant.Slot] = null;
        _active &= ~HearingMatrix.Bit(participant.Slot);
        Interlocked.Decrement(ref _participants);
        if (participant.Transport is RtpBridgeSocketTransport endpoint)
        {
            bool owned;
            lock (_gate)
            {
                owned = _endpoints.Remove(endpoint);
                if (owned)
                {
                    _closedLoops.RemoveAll(loop => loop.IsCompleted);
                    _closedLoops.Add(endpoint.WhenClosedAsync());
                }
            }

            if (owned)
            {
                endpoint.Close();
                _allocator.Release(endpoint.Ports);
            }
        }

        Unreserve(participant.Slot);
        Log.Left(_logger, BridgeId, participant.Name, participant.Slot);
    }

    // A change queued for a participant that has left since must not touch whoever took its slot.
    private bool InMix(RtpBridgeParticipant participant) => _slots[participant.Slot] == participant;

    private bool TryReserve(int count, out int first, out int second)
    {
        first = second = -1;
        lock (_gate)
        {
            var free = ~_reserved & (_slots.Length == 64 ? ulong.MaxValue : (1UL << _slots.Length) - 1);
            if (System.Numerics.BitOperations.PopCount(free) < count)
            {
                return false;
            }

            first = System.Numerics.BitOperations.TrailingZeroCount(free);
            _reserved |= 1UL << first;
            if (count > 1)
            {
                free &= free - 1;
                second = System.Numerics.BitOperations.TrailingZeroCount(free);
                _reserved |= 1UL << second;
            }

            return true;
        }
    }

    private void Unreserve(int slot)
    {
        lock (_gate)
        {
            _reserved &= ~HearingMatrix.Bit(slot);
        }
    }

    private static G711Codec CodecOf(RtpRelayLeg leg) => leg.PayloadType == 8 ? G711Codec.Pcma : G711Codec.Pcmu;
}
