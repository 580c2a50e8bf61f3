using Cti.Routing.Queues;

namespace Cti.Routing.Agents;

/// <summary>An agent's live membership in one queue with the values the strategies need precomputed.</summary>
internal sealed class Membership(AgentState agent, QueueState queue, int tier, int minLevel, int proficiency, int order)
{
    public AgentState Agent { get; } = agent;

    public QueueState Queue { get; } = queue;

    public int Tier { get; } = tier;

    /// <summary>The lowest escalation level at which the agent matches the queue; int.MaxValue if never.</summary>
    public int MinLevel { get; } = minLevel;

    public int Proficiency { get; } = proficiency;

    /// <summary>Position of the agent among the queue's members (configuration order).</summary>
    public int Order { get; } = order;

    /// <summary>Index in the queue's ready list, or -1 when the agent is not ready and idle.</summary>
    public int ReadyIndex { get; set; } = -1;
}
