using Cti.Routing.Agents;

namespace Cti.Routing.Statistics;

/// <summary>Number of agents in one (availability, work state) combination.</summary>
public sealed record AgentStateCount(AgentAvailability Availability, AgentWorkState Work, int Count);
