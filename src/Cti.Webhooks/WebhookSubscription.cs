namespace Cti.Webhooks;

/// <summary>A subscription as stored: its definition, where delivery stands and why it is failing, if it is.</summary>
internal sealed record WebhookSubscription(
    string Id,
    string Origin,
    string Url,
    string Secret,
    IReadOnlyList<string> Types,
    int BatchSize,
    long? Cursor,
    string State,
    DateTimeOffset? FailingSince,
    DateTimeOffset? DeadLetteredAt,
    string? LastError,
    DateTimeOffset CreatedAt);
