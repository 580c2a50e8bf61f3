namespace Cti.Dialer.Compliance;

/// <summary>
/// Rolling abandon counters for one campaign in one-minute buckets, kept for 30 days, giving the US TSR rate over
/// 30 days and the Ofcom rate over 24 hours. "Live answered" counts every call answered by a person, abandoned included.
/// </summary>
public sealed class AbandonRateTracker
{
    private static readonly TimeSpan Bucket = TimeSpan.FromMinutes(1);
    private readonly LinkedList<(DateTimeOffset Start, long Live, long Abandoned, long Machine)> _buckets = new();

    public AbandonRateTracker(double amdFalsePositiveRate = 0)
    {
        AmdFalsePositiveRate = amdFalsePositiveRate;
    }

    public double AmdFalsePositiveRate { get; }

    public void RecordLiveAnswered(DateTimeOffset at) => Add(at, 1, 0, 0);

    /// <summary>An abandoned call is also a live-answered one; this records both.</summary>
    public void RecordAbandoned(DateTimeOffset at) => Add(at, 1, 1, 0);

    public void RecordMachineClassified(DateTimeOffset at) => Add(at, 0, 0, 1);

    public (long Live, long Abandoned, long Machine) Totals(DateTimeOffset now, TimeSpan window)
    {
        long live = 0, abandoned = 0, machine = 0;
        var since = now - window;
        foreach (var b in _buckets)
        {
            if (b.Start + Bucket > since && b.Start <= now)
            {
                live += b.Live;
                abandoned += b.Abandoned;
                machine += b.Machine;
            }
        }

        return (live, abandoned, machine);
    }

    public double UsTsrRate30Days(DateTimeOffset now)
    {
        var (live, abandoned, _) = Totals(now, TimeSpan.FromDays(30));
        return AbandonRateFormulas.UsTsr(abandoned, live);
    }

    public double OfcomRate24Hours(DateTimeOffset now)
    {
        var (live, abandoned, machine) = Totals(now, TimeSpan.FromHours(24));
        return AbandonRateFormulas.UkOfcom(abandoned, live, machine, AmdFalsePositiveRate);
    }

    public double UsTsrRate24Hours(DateTimeOffset now)
    {
        var (live, abandoned, _) = Totals(now, TimeSpan.FromHours(24));
        return AbandonRateFormulas.UsTsr(abandoned, live);
    }

    private void Add(DateTimeOffset at, long live, long abandoned, long machine)
    {
        var start = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % Bucket.Ticks), TimeSpan.Zero);
        if (_buckets.Last is { } last && last.Value.Start == start)
        {
            var v = last.Value;
            last.Value = (v.Start, v.Live + live, v.Abandoned + abandoned, v.Machine + machine);
        }
        else
        {
            _buckets.AddLast((start, live, abandoned, machine));
        }

        while (_buckets.First is { } first && first.Value.Start < at - TimeSpan.FromDays(30) - Bucket)
        {
            _buckets.RemoveFirst();
        }
    }
}
