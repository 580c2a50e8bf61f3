namespace Cti.Routing.Engine;

/// <summary>The offer rang out on the agent's device before the engine's own ring timer fired.</summary>
public sealed record OfferTimedOut(string CallId, string AgentId) : AcdCommand;
