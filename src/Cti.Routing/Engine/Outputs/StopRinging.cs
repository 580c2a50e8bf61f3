namespace Cti.Routing.Engine;

/// <summary>Cancel the offer of this call to this agent.</summary>
public sealed record StopRinging(string CallId, string AgentId, StopRingingReason Reason) : AcdDecision;
