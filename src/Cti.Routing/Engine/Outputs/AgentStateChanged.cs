using Cti.Routing.Agents;

namespace Cti.Routing.Engine;

public sealed record AgentStateChanged(
    string AgentId,
    AgentAvailability Availability,
    string? NotReadyReason,
    AgentWorkState Work,
    string? CallId) : AcdEvent;
