namespace Cti.Webhooks;

/// <summary>A subscription as the API shows it: never its secret.</summary>
internal sealed record WebhookView(
    string Id,
    string Origin,
    string Url,
    IReadOnlyList<string> Types,
    int BatchSize,
    string State,
    long? Cursor,
    long Lag,
    DateTimeOffset? FailingSince,
    DateTimeOffset? DeadLetteredAt,
    string? LastError,
    DateTimeOffset CreatedAt)
{
    public static WebhookView Create(WebhookSubscription s, long logEnd)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.Origin, s.Url, s.Types, s.BatchSize, s.State, s.Cursor, Math.Max(0, logEnd - (s.Cursor ?? logEnd)), s.FailingSince, s.DeadLetteredAt, s.LastError, s.CreatedAt);
    }
}
