namespace Cti.Campaigns;

/// <summary>Body of POST /api/v1/campaigns/{id}/dispositions.</summary>
internal sealed record DispositionRequest(
    string? CallId,
    string? LeadId,
    string? AgentId,
    string? Disposition,
    DateTimeOffset? CallbackAt,
    int? HandleTimeSeconds);
