namespace Cti.Routing.Engine;

/// <summary>The agent answered the offered call.</summary>
public sealed record OfferAnswered(string CallId, string AgentId) : AcdCommand;
