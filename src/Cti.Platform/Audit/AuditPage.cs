namespace Cti.Platform.Audit;

/// <summary>A page of <c>GET /api/v1/audit</c>; <paramref name="Next"/> is the cursor of the following page, null at the end.</summary>
internal sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? Next);
