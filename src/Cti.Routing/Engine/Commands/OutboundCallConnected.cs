namespace Cti.Routing.Engine;

/// <summary>The outbound call for which an agent was reserved is connected to that agent.</summary>
public sealed record OutboundCallConnected(string CallId) : AcdCommand;
