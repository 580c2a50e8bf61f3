using Cti.Routing.Engine;
using Cti.Routing.Statistics;

namespace Cti.Acd;

/// <summary>The agent after a state request, or the engine's rejection of it.</summary>
internal sealed record AgentStateChangeResult(AgentSnapshot? Agent, CommandRejected? Rejection);
