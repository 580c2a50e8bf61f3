using Cti.Platform.Security;

namespace Cti.Calls;

/// <summary>
/// Which keys work on their own agent's calls and previews only (beside the agents API's
/// <see cref="ApiCaller.MaySeeAgent"/> and <see cref="ApiCaller.MayControlAgent"/>, which say whose).
/// </summary>
internal static class AgentKeyScope
{
    /// <summary>True for a key that works on its own agent's calls only (no broader role beside <c>agent</c>).</summary>
    public static bool OwnOnly(ApiCaller caller) =>
        !caller.IsAdmin && !caller.HasRole(ApiRoles.Supervisor) && !caller.HasRole(ApiRoles.Integrator) && !caller.HasRole(ApiRoles.Export);
}
