namespace Cti.Acd;

/// <summary>An agent's routing configuration and, when the engine knows it, its live state.</summary>
internal sealed record AgentView(string Id, RoutingAgentOptions Config, AgentStateView? State);
