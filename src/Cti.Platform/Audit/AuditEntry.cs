namespace Cti.Platform.Audit;

/// <summary>One stored audit entry, as <c>GET /api/v1/audit</c> lists it.</summary>
/// <param name="Roles">The key's roles when it acted, comma-separated.</param>
internal sealed record AuditEntry(long Id, DateTimeOffset At, string Key, string Roles, string Action, string Target, string Outcome, string? Detail);
