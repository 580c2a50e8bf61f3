using Cti.Gateways.Hosting;

namespace Cti.Gateways.Lines;

/// <summary>Decides whether a line may start another outbound call now. Pure logic over the injected clock.</summary>
internal sealed class GatewayLineCaps(GatewayCapsOptions options, TimeProvider timeProvider)
{
    /// <summary>The local calendar day the per-day counter belongs to.</summary>
    public DateOnly Today => DateOnly.FromDateTime(timeProvider.GetLocalNow().DateTime);

    /// <summary>Null when a call may start; otherwise why not.</summary>
    public string? Check(int callsToday, DateTimeOffset? lastCallStartedAt)
    {
        var now = timeProvider.GetLocalNow();
        if (options.ActiveHours is { } hours && !hours.Contains(TimeOnly.FromDateTime(now.DateTime)))
        {
            return $"outside active hours {hours.From:HH\\:mm}-{hours.To:HH\\:mm}";
        }

        if (options.MaxCallsPerDay is { } max && callsToday >= max)
        {
            return $"daily limit of {max} calls reached";
        }

        if (options.MinGapBetweenCalls is { } gap && lastCallStartedAt is { } last && timeProvider.GetUtcNow() - last < gap)
        {
            return $"minimum gap of {gap.TotalSeconds:0.#} s between calls not yet passed";
        }

        return null;
    }
}
