namespace Cti.Routing.Engine;

/// <summary>A connected call (inbound or outbound) ended; the agent enters wrap-up.</summary>
public sealed record CallEnded(string CallId) : AcdCommand;
