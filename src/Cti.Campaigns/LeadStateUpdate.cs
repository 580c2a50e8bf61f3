namespace Cti.Campaigns;

/// <summary>A lead's state copied off the campaign loop, written back to SQLite in batches.</summary>
internal sealed record LeadStateUpdate(
    string LeadId,
    string State,
    int Attempts,
    DateTimeOffset? NextDueAt,
    string? LastOutcome,
    string? CallbackAgentId);
