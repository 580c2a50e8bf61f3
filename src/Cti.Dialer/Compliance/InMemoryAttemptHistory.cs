namespace Cti.Dialer.Compliance;

/// <summary>A dictionary-backed <see cref="IAttemptHistory"/> for tests and the simulator.</summary>
public sealed class InMemoryAttemptHistory : IAttemptHistory
{
    private readonly Dictionary<string, List<DateTimeOffset>> _attempts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _abandoned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _invalid = new(StringComparer.Ordinal);

    public void RecordAttempt(string leadId, string e164, DateTimeOffset at)
    {
        if (!_attempts.TryGetValue(e164, out var list))
        {
            list = [];
            _attempts[e164] = list;
        }

        list.Add(at);
    }

    public int CountAttemptsForNumberSince(string e164, DateTimeOffset since) =>
        _attempts.TryGetValue(e164, out var list) ? list.Count(t => t >= since) : 0;

    public void RecordAbandoned(string e164, DateTimeOffset at) => _abandoned[e164] = at;

    public DateTimeOffset? LastAbandoned(string e164) => _abandoned.TryGetValue(e164, out var at) ? at : null;

    public void MarkInvalid(string e164, int sipStatus) => _invalid[e164] = sipStatus;

    public bool IsInvalid(string e164) => _invalid.ContainsKey(e164);
}
