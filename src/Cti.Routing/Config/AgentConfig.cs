namespace Cti.Routing.Config;

/// <summary>Immutable configuration of one agent.</summary>
public sealed record AgentConfig(string Id)
{
    public string? Name { get; init; }

    public IReadOnlyList<string> Extensions { get; init; } = [];

    public IReadOnlyList<AgentSkill> Skills { get; init; } = [];

    public IReadOnlyList<QueueMembership> Queues { get; init; } = [];

    /// <summary>Overrides the queue's wrap-up time for this agent.</summary>
    public TimeSpan? WrapUpTime { get; init; }

    /// <summary>Outbound campaigns this agent may be reserved for (blending).</summary>
    public IReadOnlyList<string> Campaigns { get; init; } = [];

    /// <summary>The teams the agent belongs to: who supervises it. Routing does not use them.</summary>
    public IReadOnlyList<string> Teams { get; init; } = [];
}
