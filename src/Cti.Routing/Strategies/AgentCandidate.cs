namespace Cti.Routing.Strategies;

/// <summary>A ready, idle, eligible agent as seen by a strategy.</summary>
/// <param name="Key">Opaque handle the core uses to find the agent again.</param>
/// <param name="Order">Position among the queue's members (configuration order).</param>
internal readonly record struct AgentCandidate(
    int Key,
    int Order,
    int Proficiency,
    long IdleSinceTicks,
    long CallsAnswered,
    long TalkTicks);
