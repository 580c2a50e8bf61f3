using Cti.Routing.Agents;

namespace Cti.Routing.Engine.State;

/// <summary>The agent who last answered a caller, and when; the caller's next call may wait for them.</summary>
internal readonly record struct LastAgentEntry(AgentState Agent, long AtTicks);
