namespace Cti.Routing.Statistics;

/// <summary>Everything a metrics exporter or dashboard needs, taken atomically on the engine loop.</summary>
public sealed record RoutingSnapshot
{
    public DateTimeOffset At { get; init; }

    /// <summary>Sequence number of the last output emitted before the snapshot.</summary>
    public long Sequence { get; init; }

    public long ConfigVersion { get; init; }

    public required IReadOnlyList<QueueSnapshot> Queues { get; init; }

    public required IReadOnlyList<AgentSnapshot> Agents { get; init; }

    public required IReadOnlyList<AgentStateCount> AgentsByState { get; init; }

    public int AgentsFreeForOutbound { get; init; }

    public long WatchdogFreedAgents { get; init; }
}
