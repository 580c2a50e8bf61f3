namespace Cti.Routing.Agents;

/// <summary>Availability chosen by the agent.</summary>
public enum AgentAvailability
{
    LoggedOut,
    Ready,
    NotReady,
}
