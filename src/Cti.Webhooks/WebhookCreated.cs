namespace Cti.Webhooks;

/// <summary>Answer of POST /api/v1/webhooks: the subscription, and its secret when the service generated it.</summary>
internal sealed record WebhookCreated(WebhookView Webhook, string? Secret);
