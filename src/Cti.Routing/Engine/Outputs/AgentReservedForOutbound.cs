namespace Cti.Routing.Engine;

/// <summary>The dialer's reservation succeeded; the agent is Reserved for the outbound call.</summary>
public sealed record AgentReservedForOutbound(string AgentId, string CallId) : AcdEvent;
