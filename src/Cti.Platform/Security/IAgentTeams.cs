namespace Cti.Platform.Security;

/// <summary>
/// Which teams an agent belongs to, for scoping supervisor keys. The ACD owns the agents' configuration and
/// implements it; features that filter by team (recordings) take it as a dependency.
/// </summary>
internal interface IAgentTeams
{
    /// <summary>The teams of an agent; empty for an unknown agent or one without teams.</summary>
    IReadOnlyList<string> TeamsOf(string agentId);

    /// <summary>The agents in any of <paramref name="teams"/>.</summary>
    IReadOnlySet<string> AgentsIn(IEnumerable<string> teams);
}
