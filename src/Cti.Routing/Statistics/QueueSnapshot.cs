namespace Cti.Routing.Statistics;

/// <summary>Point-in-time figures of one queue. Counters are cumulative since start.</summary>
public sealed record QueueSnapshot
{
    public required string QueueId { get; init; }

    /// <summary>Calls in the queue: waiting, held for a last agent, or ringing.</summary>
    public int Waiting { get; init; }

    public TimeSpan LongestWait { get; init; }

    public TimeSpan EstimatedWait { get; init; }

    public long Offered { get; init; }

    public long Answered { get; init; }

    public long AnsweredWithinThreshold { get; init; }

    public long Abandoned { get; init; }

    public long ShortAbandoned { get; init; }

    public long TimedOut { get; init; }

    public long Overflowed { get; init; }

    public long Handled { get; init; }

    public double ServiceLevel { get; init; }

    public double ServiceLevelOfOffered { get; init; }

    public TimeSpan AverageSpeedOfAnswer { get; init; }

    public TimeSpan AverageHandleTime { get; init; }

    public TimeSpan MaxObservedWait { get; init; }

    public int AgentsLoggedIn { get; init; }

    public int AgentsReady { get; init; }

    public required HistogramSnapshot WaitTime { get; init; }

    public required HistogramSnapshot HandleTime { get; init; }
}
