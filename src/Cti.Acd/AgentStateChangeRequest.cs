namespace Cti.Acd;

/// <summary>Body of POST /api/v1/agents/{id}/state.</summary>
/// <param name="Action">login, ready, not-ready, logout (also hold, unhold, end-wrap-up).</param>
/// <param name="Reason">NotReady reason code: required for not-ready, optional for login (logs in NotReady).</param>
internal sealed record AgentStateChangeRequest(string? Action, string? Reason);
