namespace Cti.Campaigns;

/// <summary>Body of POST /api/v1/dnc.</summary>
internal sealed record DncAddRequest(IReadOnlyList<string>? Numbers, string? Source);
