namespace Cti.Routing.Statistics;

/// <summary>Fixed-bucket duration histogram (seconds), cheap to record on the engine loop.</summary>
internal sealed class Histogram
{
    public static IReadOnlyList<double> DefaultBoundsSeconds { get; } = [5, 10, 20, 30, 60, 120, 300, 600, 1800];

    private readonly long[] _counts = new long[DefaultBoundsSeconds.Count + 1];
    private double _sum;
    private long _count;

    public void Record(TimeSpan value)
    {
        var seconds = value.TotalSeconds;
        var i = 0;
        while (i < DefaultBoundsSeconds.Count && seconds > DefaultBoundsSeconds[i])
        {
            i++;
        }

        _counts[i]++;
        _sum += seconds;
        _count++;
    }

    public HistogramSnapshot ToSnapshot() => new(DefaultBoundsSeconds, _counts.ToArray(), _sum, _count);
}
