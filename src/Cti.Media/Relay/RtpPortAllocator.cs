namespace Cti.Media.Relay;

/// <summary>
/// Hands out RTP/RTCP port pairs from a configured range. Thread-safe. Allocation walks the range round-robin so a
/// just-released pair is reused last, which keeps late packets of an ended call away from a new one.
/// Exhaustion is reported by <see cref="TryAllocate"/> returning false.
/// </summary>
public sealed class RtpPortAllocator : IDisposable
{
    private readonly object _gate = new();
    private readonly bool[] _used;
    private readonly int _minPort;
    private int _next;
    private int _inUse;
    private bool _disposed;

    /// <summary>Creates an allocator; throws when the options are invalid (validate them at startup).</summary>
    public RtpPortAllocator(RtpPortRangeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _minPort = options.MinPort;
        _used = new bool[(options.MaxPort - options.MinPort + 1) / 2];
    }

    /// <summary>Number of pairs in the range.</summary>
    public int Capacity => _used.Length;

    /// <summary>Number of pairs currently allocated.</summary>
    public int InUse => Volatile.Read(ref _inUse);

    /// <summary>Allocates a free pair; false when every pair is in use or the allocator is disposed.</summary>
    public bool TryAllocate(out RtpPortPair pair)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                for (var i = 0; i < _used.Length; i++)
                {
                    var index = (_next + i) % _used.Length;
                    if (!_used[index])
                    {
                        _used[index] = true;
                        _next = (index + 1) % _used.Length;
                        _inUse++;
                        pair = new RtpPortPair(_minPort + (2 * index));
                        return true;
                    }
                }
            }
        }

        pair = default;
        return false;
    }

    /// <summary>Returns a pair to the pool; releasing a pair twice or one outside the range does nothing.</summary>
    public void Release(RtpPortPair pair)
    {
        var index = (pair.RtpPort - _minPort) / 2;
        if (pair.RtpPort < _minPort || (pair.RtpPort - _minPort) % 2 != 0 || index >= _used.Length)
        {
            return;
        }

        lock (_gate)
        {
            if (_used[index])
            {
                _used[index] = false;
                _inUse--;
            }
        }
    }

    /// <summary>Releases every pair and refuses further allocations.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Array.Clear(_used);
            _inUse = 0;
        }
    }
}
