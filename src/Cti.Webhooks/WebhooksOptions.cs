namespace Cti.Webhooks;

/// <summary>Settings of webhook delivery (<c>Cti:Webhooks</c>).</summary>
internal sealed class WebhooksOptions
{
    public const string SectionName = "Cti:Webhooks";

    /// <summary>Subscriptions kept in configuration, by name (the name is the subscription's id).</summary>
    public Dictionary<string, WebhookSubscriptionOptions> Subscriptions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Longest wait for one HTTP request; a receiver slower than this counts as failed.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of one request inside a delivery attempt, with exponential back-off from <see cref="RetryDelay"/>.</summary>
    public int MaxRetries { get; set; } = 3;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the circuit stays open after a run of failures; no requests go out meanwhile.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A subscription failing without a success for this long is dead-lettered: delivery stops until a replay.</summary>
    public TimeSpan DeadLetterAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Events per request for subscriptions that set none; 1 sends one CloudEvent per request.</summary>
    public int BatchSize { get; set; } = 1;
}
