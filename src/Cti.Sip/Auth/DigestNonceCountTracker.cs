namespace Cti.Sip.Auth;

/// <summary>
/// Remembers the highest nonce-count accepted per nonce so a replayed or lower <c>nc</c> is refused.
/// Entries live until their nonce expires; the table never holds more than the configured bound.
/// Only nonces of successfully verified responses are recorded, so unauthenticated peers cannot fill it.
/// </summary>
internal sealed class DigestNonceCountTracker
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly int _capacity;
    private long _nextSweepUnixMs;

    public DigestNonceCountTracker(int capacity)
    {
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public DigestNonceCountOutcome TryAdvance(string nonce, long nonceCount, long expiresAtUnixMs, long nowUnixMs)
    {
        lock (_gate)
        {
            if (nowUnixMs >= _nextSweepUnixMs || _entries.Count >= _capacity)
            {
                Sweep(nowUnixMs);
                _nextSweepUnixMs = nowUnixMs + 1000;
            }

            if (_entries.TryGetValue(nonce, out var entry))
            {
                if (nonceCount <= entry.LastCount)
                {
                    return DigestNonceCountOutcome.Replayed;
                }

                _entries[nonce] = entry with { LastCount = nonceCount };
                return DigestNonceCountOutcome.Accepted;
            }

            if (_entries.Count >= _capacity)
            {
                return DigestNonceCountOutcome.Full;
            }

            _entries.Add(nonce, new Entry(nonceCount, expiresAtUnixMs));
            return DigestNonceCountOutcome.Accepted;
        }
    }

    private void Sweep(long nowUnixMs)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAtUnixMs <= nowUnixMs)
            {
                _entries.Remove(key);
            }
        }
    }

    private readonly record struct Entry(long LastCount, long ExpiresAtUnixMs);
}
