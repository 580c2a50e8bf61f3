namespace Cti.Acd;

/// <summary>Body of GET /api/v1/routing/stats.</summary>
internal sealed record RoutingStatsView(
    DateTimeOffset At,
    long ConfigVersion,
    IReadOnlyList<QueueStatsView> Queues,
    IReadOnlyDictionary<string, int> AgentsByAvailability,
    int AgentsFreeForOutbound,
    double Occupancy,
    long WatchdogFreedAgents);
