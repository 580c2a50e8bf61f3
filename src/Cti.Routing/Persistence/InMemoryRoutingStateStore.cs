namespace Cti.Routing.Persistence;

/// <summary>A process-local <see cref="IRoutingStateStore"/> for tests, benchmarks and single-run demos.</summary>
public sealed class InMemoryRoutingStateStore : IRoutingStateStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _roundRobin = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentCounters> _counters = new(StringComparer.Ordinal);

    public int Writes { get; private set; }

    public RoutingStoredState Load()
    {
        lock (_lock)
        {
            return new RoutingStoredState(
                new Dictionary<string, string>(_roundRobin, StringComparer.Ordinal),
                new Dictionary<string, AgentCounters>(_counters, StringComparer.Ordinal));
        }
    }

    public void SaveRoundRobinPosition(string queueId, string lastAgentId)
    {
        lock (_lock)
        {
            _roundRobin[queueId] = lastAgentId;
            Writes++;
        }
    }

    public void SaveAgentCounters(string agentId, AgentCounters counters)
    {
        lock (_lock)
        {
            _counters[agentId] = counters;
            Writes++;
        }
    }
}
