namespace Cti.Routing.Agents;

/// <summary>Work state driven by the system from call events.</summary>
public enum AgentWorkState
{
    Idle,
    Reserved,
    OnCallInbound,
    OnCallOutbound,
    OnHold,
    WrapUp,
}
