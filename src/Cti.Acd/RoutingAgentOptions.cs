namespace Cti.Acd;

/// <summary>The ACD settings of an agent in <c>Cti:Agents:{id}</c> (deprecated: <c>Cti:Routing:Agents</c>); also the body of PUT /api/v1/agents/{id}.</summary>
internal sealed class RoutingAgentOptions
{
    /// <summary>The agent's SIP extension (must exist in <c>Cti:Agents</c>); taken from the URL on PUT.</summary>
    public string? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>Extensions that ring for this agent; empty means the id itself.</summary>
    public IList<string> Extensions { get; set; } = new List<string>();

    public IList<AgentSkillOptions> Skills { get; set; } = new List<AgentSkillOptions>();

    public IList<QueueMembershipOptions> Queues { get; set; } = new List<QueueMembershipOptions>();

    public TimeSpan? WrapUpTime { get; set; }

    public IList<string> Campaigns { get; set; } = new List<string>();

    /// <summary>One team the agent belongs to; a short form of <see cref="Teams"/>.</summary>
    public string? Team { get; set; }

    /// <summary>The teams the agent belongs to: supervisor keys with those teams oversee it.</summary>
    public IList<string> Teams { get; set; } = new List<string>();
}
