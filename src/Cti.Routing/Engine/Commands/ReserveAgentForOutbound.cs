namespace Cti.Routing.Engine;

/// <summary>
/// The dialer reserves a ready, idle agent for an outbound call it is about to place. <paramref name="Direct"/> marks
/// an agent chosen by the caller itself (a blind transfer to the agent by name, or call control placing a campaign
/// call with an agent the dialer picked from the campaign's members): the engine then checks availability only.
/// </summary>
public sealed record ReserveAgentForOutbound(string AgentId, string CallId, string? CampaignId = null, bool Direct = false) : AcdCommand;
