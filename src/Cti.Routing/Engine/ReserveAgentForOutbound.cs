namespace Cti.Routing.Engine;

/// <summary>
/// The dialer reserves a ready, idle agent for an outbound call it is about to place. <paramref name="Direct"/> marks
/// a call for this agent by name (a blind transfer to the agent): no campaign membership is needed then.
/// </summary>
public sealed record ReserveAgentForOutbound(string AgentId, string CallId, string? CampaignId = null, bool Direct = false) : AcdCommand;
