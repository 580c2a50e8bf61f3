namespace Cti.Routing.Statistics;

/// <summary>Running counters of one queue; definitions are in docs/metrics.md.</summary>
internal sealed class QueueStatistics
{
    public long Offered { get; set; }

    public long Answered { get; set; }

    public long AnsweredWithinThreshold { get; set; }

    public long Abandoned { get; set; }

    public long ShortAbandoned { get; set; }

    public long TimedOut { get; set; }

    public long Overflowed { get; set; }

    public long Handled { get; set; }

    public long AnsweredWaitTicks { get; set; }

    public long TalkTicks { get; set; }

    public long HoldTicks { get; set; }

    public long WrapTicks { get; set; }

    public long MaxWaitTicks { get; set; }

    public Histogram WaitTimes { get; } = new();

    public Histogram HandleTimes { get; } = new();

    public double ServiceLevel => Answered + Abandoned == 0 ? 1.0 : (double)AnsweredWithinThreshold / (Answered + Abandoned);

    public double ServiceLevelOfOffered => Offered == 0 ? 1.0 : (double)AnsweredWithinThreshold / Offered;

    public TimeSpan AverageSpeedOfAnswer => Answered == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(AnsweredWaitTicks / Answered);

    public TimeSpan AverageHandleTime => Handled == 0 ? TimeSpan.Zero : TimeSpan.FromTicks((TalkTicks + HoldTicks + WrapTicks) / Handled);
}
