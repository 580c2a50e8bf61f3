namespace Cti.Routing.Persistence;

/// <summary>
/// Durable storage of routing state that must survive a restart. The engine calls it from its single
/// loop, so implementations should be fast (e.g. buffer writes and flush in the background).
/// </summary>
public interface IRoutingStateStore
{
    RoutingStoredState Load();

    void SaveRoundRobinPosition(string queueId, string lastAgentId);

    void SaveAgentCounters(string agentId, AgentCounters counters);
}
