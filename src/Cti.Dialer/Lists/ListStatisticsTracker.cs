namespace Cti.Dialer.Lists;

/// <summary>Accumulates per-list and per-source counters as the engine sees attempts and dispositions.</summary>
public sealed class ListStatisticsTracker
{
    private readonly Dictionary<string, long[]> _byList = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long[]> _bySource = new(StringComparer.Ordinal);

    public void RecordDialled(Lead lead) => Bump(lead, 0);

    public void RecordInvalid(Lead lead) => Bump(lead, 1);

    public void RecordContacted(Lead lead) => Bump(lead, 2);

    public void RecordSuccess(Lead lead) => Bump(lead, 3);

    public ListStatistics ForList(string listId) => ToStats(_byList, listId);

    public ListStatistics ForSource(string source) => ToStats(_bySource, source);

    private static ListStatistics ToStats(Dictionary<string, long[]> map, string key) =>
        map.TryGetValue(key, out var c) ? new ListStatistics(c[0], c[1], c[2], c[3]) : new ListStatistics(0, 0, 0, 0);

    private void Bump(Lead lead, int index)
    {
        ArgumentNullException.ThrowIfNull(lead);
        Get(_byList, lead.ListId)[index]++;
        Get(_bySource, lead.Source)[index]++;
    }

    private static long[] Get(Dictionary<string, long[]> map, string key)
    {
        if (!map.TryGetValue(key, out var counters))
        {
            counters = new long[4];
            map[key] = counters;
        }

        return counters;
    }
}
