namespace Cti.Cdrs;

/// <summary>One page of GET /api/v1/cdrs; <see cref="NextCursor"/> is null on the last page.</summary>
internal sealed record CdrPage(IReadOnlyList<CdrView> Items, string? NextCursor);
