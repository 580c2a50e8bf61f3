namespace Cti.Campaigns;

/// <summary>A lead as the API shows it; <see cref="Phone"/> is masked unless the caller may see numbers.</summary>
internal sealed record LeadView(
    string LeadId,
    string ListId,
    string Phone,
    string? Name,
    IReadOnlyDictionary<string, string> Fields,
    int Priority,
    string State,
    int Attempts,
    DateTimeOffset? NextDueAt,
    string? LastOutcome,
    string? CallbackAgentId);
