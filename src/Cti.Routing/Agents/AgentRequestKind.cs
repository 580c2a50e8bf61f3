namespace Cti.Routing.Agents;

/// <summary>State changes an agent (or a supervisor on the agent's behalf) can request.</summary>
public enum AgentRequestKind
{
    Login,
    Logout,
    Ready,
    NotReady,
    Hold,
    Unhold,
    EndWrapUp,
}
