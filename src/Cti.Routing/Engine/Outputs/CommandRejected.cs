using Cti.Routing.Agents;

namespace Cti.Routing.Engine;

/// <summary>A command was refused; state is unchanged.</summary>
public sealed record CommandRejected(string Command, string? AgentId, string? CallId, RejectionReason Reason, string Detail) : AcdEvent;
