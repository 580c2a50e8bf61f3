namespace Cti.Media.Mixing;

/// <summary>
/// A small jitter buffer for one input of the mixing bridge: up to <see cref="Capacity"/> G.711 frames ordered by RTP
/// sequence number. Playout starts once <c>depth</c> frames are held (and again after running dry), takes the next
/// frame in sequence order, skipping over lost ones. Late and duplicate packets are dropped and counted; a packet too
/// far ahead pushes the oldest frames out. A new SSRC, or a jump far back, starts afresh. The receive loop pushes,
/// the mixing tick pops; one uncontended lock between them, no allocation.
/// </summary>
internal sealed class RtpJitterBuffer
{
    public const int Capacity = 8;
    public const int MaxFrameBytes = AudioFrameMixer.FrameSamples;
    private const int MaxMisorder = 100;

    private readonly object _gate = new();
    private readonly int _depth;
    private readonly byte[] _payloads = new byte[Capacity * MaxFrameBytes];
    private readonly int[] _lengths = new int[Capacity];
    private readonly byte[] _payloadTypes = new byte[Capacity];
    private readonly ushort[] _sequences = new ushort[Capacity];
    private readonly bool[] _filled = new bool[Capacity];
    private int _count;
    private bool _started;
    private bool _playing;
    private uint _ssrc;
    private ushort _next;
    private long _late;
    private long _duplicates;
    private long _overflowed;
    private long _underruns;
    private long _lost;

    public RtpJitterBuffer(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, Capacity);
        _depth = depth;
    }

    public long Late => Interlocked.Read(ref _late);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long Overflowed => Interlocked.Read(ref _overflowed);

    public long Underruns => Interlocked.Read(ref _underruns);

    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>Buffers a frame; false when it was dropped as late or duplicate (and counted).</summary>
    public bool Push(uint ssrc, ushort sequence, byte payloadType, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaxFrameBytes)
        {
            throw new ArgumentException("A frame holds at most 160 bytes.", nameof(payload));
        }

        lock (_gate)
        {
            if (!_started || ssrc != _ssrc || IsFarBehind(sequence))
            {
                Reset(ssrc, sequence);
            }

            var ahead = (ushort)(sequence - _next);
            if (ahead >= 0x8000 && !(!_playing && TryMoveBackTo(sequence)))
            {
                Interlocked.Increment(ref _late);
                return false;
            }

            ahead = (ushort)(sequence - _next);

            if (ahead >= Capacity)
            {
                MakeRoomFor(sequence);
            }

            var slot = sequence % Capacity;
            if (_filled[slot])
            {
                Interlocked.Increment(ref _duplicates);
                return false;
            }

            payload.CopyTo(_payloads.AsSpan(slot * MaxFrameBytes));
            _lengths[slot] = payload.Length;
            _payloadTypes[slot] = payloadType;
            _sequences[slot] = sequence;
            _filled[slot] = true;
            _count++;
            _playing |= _count >= _depth;
            return true;
        }
    }

    /// <summary>The next frame to play; false while filling up or when nothing is there (silence this tick).</summary>
    public bool TryPop(Span<byte> destination, out int length, out byte payloadType)
    {
        length = 0;
        payloadType = 0;
        lock (_gate)
        {
            if (!_playing)
            {
                return false;
            }

            if (_count == 0)
            {
                // Ran dry: wait for the buffer to fill again rather than play every later frame the moment it lands.
                _playing = false;
                Interlocked.Increment(ref _underruns);
                return false;
            }

            for (var skipped = 0; skipped < Capacity; skipped++)
            {
                var sequence = (ushort)(_next + skipped);
                var slot = sequence % Capacity;
                if (_filled[slot])
                {
                    length = _lengths[slot];
                    payloadType = _payloadTypes[slot];
                    _payloads.AsSpan(slot * MaxFrameBytes, length).CopyTo(destination);
                    _filled[slot] = false;
                    _count--;
                    _next = (ushort)(sequence + 1);
                    Interlocked.Add(ref _lost, skipped);
                    return true;
                }
            }

            return false;
        }
    }

    private bool IsFarBehind(ushort sequence)
    {
        var behind = (ushort)(_next - sequence);
        return behind is > MaxMisorder and < 0x8000;
    }

    // While filling up, a frame from just before the first one is not late: playout starts from it instead, as
    // long as everything buffered still fits behind it.
    private bool TryMoveBackTo(ushort sequence)
    {
        for (var i = 0; i < Capacity; i++)
        {
            if (_filled[i] && (ushort)(_sequences[i] - sequence) >= Capacity)
            {
                return false;
            }
        }

        _next = sequence;
        return true;
    }

    private void Reset(uint ssrc, ushort sequence)
    {
        Array.Clear(_filled);
        _count = 0;
        _playing = false;
        _started = true;
        _ssrc = ssrc;
        _next = sequence;
    }

    // Moves the playout point so that the frame fits, dropping what falls behind it.
    private void MakeRoomFor(ushort sequence)
    {
        var next = (ushort)(sequence - Capacity + 1);
        for (var i = 0; i < Capacity; i++)
        {
            if (_filled[i] && (ushort)(_sequences[i] - next) >= 0x8000)
            {
                _filled[i] = false;
                _count--;
                Interlocked.Increment(ref _overflowed);
            }
        }

        _next = next;
    }
}
