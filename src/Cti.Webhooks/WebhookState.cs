namespace Cti.Webhooks;

/// <summary>Delivery states of a subscription, as stored and shown by the API.</summary>
internal static class WebhookState
{
    public const string Active = "active";

    /// <summary>Failed for longer than <see cref="WebhooksOptions.DeadLetterAfter"/>; nothing is sent until a replay.</summary>
    public const string DeadLetter = "dead_letter";
}
