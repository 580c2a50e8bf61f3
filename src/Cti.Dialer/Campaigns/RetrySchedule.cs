namespace Cti.Dialer.Campaigns;

/// <summary>How long to wait before the next attempt after each retryable outcome. A missing entry means "do not retry".</summary>
public sealed record RetrySchedule
{
    public static RetrySchedule Default { get; } = new()
    {
        Delays = new Dictionary<RetryReason, TimeSpan>
        {
            [RetryReason.Busy] = TimeSpan.FromMinutes(10),
            [RetryReason.NoAnswer] = TimeSpan.FromHours(2),
            [RetryReason.NetworkFailure] = TimeSpan.FromMinutes(5),
            [RetryReason.AnsweringMachine] = TimeSpan.FromHours(4),
            [RetryReason.Abandoned] = TimeSpan.FromHours(72),
        },
    };

    public IReadOnlyDictionary<RetryReason, TimeSpan> Delays { get; init; } = new Dictionary<RetryReason, TimeSpan>();

    public TimeSpan? DelayFor(RetryReason reason) => Delays.TryGetValue(reason, out var d) ? d : null;
}
