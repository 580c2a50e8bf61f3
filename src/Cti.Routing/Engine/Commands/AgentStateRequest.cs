using Cti.Routing.Agents;

namespace Cti.Routing.Engine;

/// <summary>An agent asks to log in or out, change availability, hold or finish wrap-up.</summary>
/// <param name="Reason">NotReady reason code (required for NotReady, optional for Login to log in NotReady).</param>
public sealed record AgentStateRequest(string AgentId, AgentRequestKind Kind, string? Reason = null) : AcdCommand;
