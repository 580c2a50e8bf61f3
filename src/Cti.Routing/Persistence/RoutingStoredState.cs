namespace Cti.Routing.Persistence;

/// <summary>Everything the routing engine reloads at start-up.</summary>
/// <param name="RoundRobinLastAgent">Per queue id, the agent id that received the last round-robin offer.</param>
/// <param name="AgentCounters">Per agent id, the persisted counters.</param>
public sealed record RoutingStoredState(
    IReadOnlyDictionary<string, string> RoundRobinLastAgent,
    IReadOnlyDictionary<string, AgentCounters> AgentCounters)
{
    public static RoutingStoredState Empty { get; } = new(new Dictionary<string, string>(), new Dictionary<string, AgentCounters>());
}
