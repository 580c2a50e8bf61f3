namespace Cti.Dialer.Compliance;

/// <summary>A set-backed <see cref="IDncStore"/> for tests and the simulator.</summary>
public sealed class InMemoryDncStore : IDncStore
{
    private readonly Dictionary<string, string> _numbers = new(StringComparer.Ordinal);

    public int Count => _numbers.Count;

    public bool Contains(string e164) => _numbers.ContainsKey(e164);

    public void Add(string e164, string source) => _numbers.TryAdd(e164, source);
}
