using Cti.Dialer.Lists;

namespace Cti.Campaigns;

/// <summary>A stored lead with its dialling state, as the leads API and the CSV export read it.</summary>
internal sealed record LeadRow(
    Lead Lead,
    string State,
    int Attempts,
    DateTimeOffset? NextDueAt,
    string? LastOutcome,
    string? CallbackAgentId);
