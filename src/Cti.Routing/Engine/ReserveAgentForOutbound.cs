namespace Cti.Routing.Engine;

/// <summary>The dialer reserves a ready, idle agent for an outbound call it is about to place.</summary>
public sealed record ReserveAgentForOutbound(string AgentId, string CallId, string? CampaignId = null) : AcdCommand;
