namespace Cti.Routing.Engine;

/// <summary>The agent declined the offered call (busy here, decline button, device error).</summary>
public sealed record OfferRejected(string CallId, string AgentId) : AcdCommand;
