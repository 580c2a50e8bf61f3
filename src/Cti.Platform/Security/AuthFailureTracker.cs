using System.Net;

namespace Cti.Platform.Security;

/// <summary>
/// Counts failed digest authentications per source IP in a sliding window and bans an address that reaches the
/// limit. Thread-safe: SIP requests from many connections consult it concurrently.
/// </summary>
internal sealed class AuthFailureTracker
{
    // Above this many tracked addresses, finished windows and bans are dropped before adding another.
    private const int PruneThreshold = 4096;

    private readonly Dictionary<IPAddress, Queue<DateTimeOffset>> _failures = [];
    private readonly Dictionary<IPAddress, DateTimeOffset> _bannedUntil = [];
    private readonly Lock _gate = new();
    private readonly BanOptions _options;
    private readonly TimeProvider _time;

    public AuthFailureTracker(BanOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    public int BannedCount
    {
        get
        {
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                return _bannedUntil.Values.Count(until => until > now);
            }
        }
    }

    public bool IsBanned(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_gate)
        {
            if (!_bannedUntil.TryGetValue(address, out var until))
            {
                return false;
            }

            if (until > _time.GetUtcNow())
            {
                return true;
            }

            _bannedUntil.Remove(address);
            return false;
        }
    }

    /// <summary>Records one failure; returns true when this failure starts a ban.</summary>
    public bool RecordFailure(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_bannedUntil.TryGetValue(address, out var until) && until > now)
            {
                return false;
            }

            if (_failures.Count + _bannedUntil.Count > PruneThreshold)
            {
                PruneStale(now);
            }

            if (!_failures.TryGetValue(address, out var times))
            {
                times = new Queue<DateTimeOffset>();
                _failures[address] = times;
            }

            while (times.Count > 0 && times.Peek() <= now - _options.Window)
            {
                times.Dequeue();
            }

            times.Enqueue(now);
            if (times.Count < _options.MaxFailures)
            {
                return false;
            }

            _failures.Remove(address);
            _bannedUntil[address] = now + _options.Duration;
            return true;
        }
    }

    // Keeps the tables bounded by dropping addresses whose window or ban is over.
    private void PruneStale(DateTimeOffset now)
    {
        foreach (var address in _bannedUntil.Where(p => p.Value <= now).Select(p => p.Key).ToArray())
        {
            _bannedUntil.Remove(address);
        }

        foreach (var address in _failures.Where(p => p.Value.Count == 0 || p.Value.Last() <= now - _options.Window).Select(p => p.Key).ToArray())
        {
            _failures.Remove(address);
        }
    }
}
