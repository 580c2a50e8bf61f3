using Cti.Platform.Security;

namespace Cti.Calls;

/// <summary>
/// What an API key may touch among calls and previews: agent keys their own agent's only; supervisors with teams
/// their teams' agents; administrators, integrators and unteamed supervisors every agent.
/// </summary>
internal static class AgentKeyScope
{
    /// <summary>True for a key that works on its own agent's calls only (no broader role beside <c>agent</c>).</summary>
    public static bool OwnOnly(ApiCaller caller) =>
        !caller.IsAdmin && !caller.HasRole(ApiRoles.Supervisor) && !caller.HasRole(ApiRoles.Integrator) && !caller.HasRole(ApiRoles.Export);

    /// <summary>True when <paramref name="caller"/> may see or act on work assigned to <paramref name="agentId"/>.</summary>
    public static bool Covers(ApiCaller caller, string? agentId, IAgentTeams teams)
    {
        if (OwnOnly(caller))
        {
            return agentId is not null && caller.AgentId == agentId;
        }

        if (caller.IsAdmin || caller.HasRole(ApiRoles.Integrator) || caller.HasRole(ApiRoles.Export) || caller.Teams.Count == 0)
        {
            return true;
        }

        return agentId is not null && caller.Supervises(teams.TeamsOf(agentId));
    }
}
