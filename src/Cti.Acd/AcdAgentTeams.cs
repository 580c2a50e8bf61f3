using Cti.Platform.Security;

namespace Cti.Acd;

/// <summary>Agents' teams from the routing configuration in force (API changes included).</summary>
internal sealed class AcdAgentTeams(RoutingConfigState config) : IAgentTeams
{
    public IReadOnlyList<string> TeamsOf(string agentId) =>
        config.Current.Agents.FirstOrDefault(a => string.Equals(a.Id, agentId, StringComparison.Ordinal))?.Teams ?? [];

    public IReadOnlySet<string> AgentsIn(IEnumerable<string> teams)
    {
        var wanted = teams.ToHashSet(StringComparer.Ordinal);
        return config.Current.Agents.Where(a => a.Teams.Any(wanted.Contains)).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
    }
}
