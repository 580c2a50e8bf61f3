using Cti.Platform.Security;

namespace Cti.Platform.Audit;

/// <summary>
/// The durable record of sensitive actions: who (key name and roles), when, what, on which target, with what outcome.
/// Features call <see cref="Record"/> when they fetch a recording, force an agent's state, delete, export or monitor
/// a call. Targets are ids (call, recording, agent, queue) or masked numbers, never full numbers or secrets.
/// </summary>
internal interface IAuditLog
{
    /// <summary>Writes one entry now; returns once it is stored.</summary>
    void Record(ApiCaller actor, string action, string target, AuditOutcome outcome, string? detail = null);

    /// <summary>Entries matching <paramref name="query"/>, oldest first, and whether more follow.</summary>
    (IReadOnlyList<AuditEntry> Items, bool HasMore) Query(AuditQuery query);
}
