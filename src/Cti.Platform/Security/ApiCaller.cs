using System.Security.Claims;

namespace Cti.Platform.Security;

/// <summary>
/// Who made an API request: the key's name, roles, bound agent (agent keys) and teams (supervisor keys). Read it with
/// <see cref="HttpContextCallerExtensions.GetCaller"/>; the authorization policies decide what a role may call, this
/// decides which agents and which data within that.
/// </summary>
internal sealed record ApiCaller(string Name, IReadOnlySet<string> Roles, string? AgentId, IReadOnlySet<string> Teams)
{
    /// <summary>A request without a known key (authorization refuses those before any endpoint runs).</summary>
    public static ApiCaller Anonymous { get; } = new(string.Empty, new HashSet<string>(), null, new HashSet<string>());

    public bool HasRole(string role) => Roles.Contains(role);

    public bool IsAdmin => HasRole(ApiRoles.Admin);

    /// <summary>Full phone numbers, lead names and custom lead fields are for <c>admin</c> (and legacy <c>export</c>) keys only.</summary>
    public bool SeesFullNumbers => IsAdmin || HasRole(ApiRoles.Export);

    /// <summary>The roles joined for records (the audit log).</summary>
    public string RoleList => string.Join(",", Roles.Order(StringComparer.Ordinal));

    /// <summary>True when the key acts for this agent itself (an agent key bound to it).</summary>
    public bool IsAgent(string agentId) => HasRole(ApiRoles.Agent) && string.Equals(AgentId, agentId, StringComparison.Ordinal);

    /// <summary>
    /// True when a supervisor key oversees an agent in <paramref name="agentTeams"/>: a supervisor without teams
    /// oversees every agent (sites without teams); one with teams, the agents of those teams only.
    /// </summary>
    public bool Supervises(IEnumerable<string> agentTeams)
    {
        ArgumentNullException.ThrowIfNull(agentTeams);
        return HasRole(ApiRoles.Supervisor) && (Teams.Count == 0 || agentTeams.Any(Teams.Contains));
    }

    /// <summary>May read this agent's configuration and state: every agent for admin and integrator keys.</summary>
    public bool MaySeeAgent(string agentId, IEnumerable<string> agentTeams) =>
        IsAdmin || HasRole(ApiRoles.Integrator) || HasRole(ApiRoles.Export) || IsAgent(agentId) || Supervises(agentTeams);

    /// <summary>May change this agent's state: admins any, supervisors their teams', agents their own.</summary>
    public bool MayControlAgent(string agentId, IEnumerable<string> agentTeams) =>
        IsAdmin || IsAgent(agentId) || Supervises(agentTeams);

    /// <summary>The caller behind an authenticated principal (see <see cref="ApiKeyAuthenticationHandler"/>).</summary>
    public static ApiCaller From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity is not { IsAuthenticated: true } identity)
        {
            return Anonymous;
        }

        return new ApiCaller(
            identity.Name ?? string.Empty,
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.OrdinalIgnoreCase),
            user.FindFirst(CtiClaimTypes.Agent)?.Value,
            user.FindAll(CtiClaimTypes.Team).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
    }
}
