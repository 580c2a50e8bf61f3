namespace Cti.Routing.Engine;

/// <summary>The watchdog released an agent left reserved or on a call that no longer exists.</summary>
public sealed record WatchdogFreedAgent(string AgentId, string? CallId, string Detail) : AcdEvent;
