namespace Cti.Webhooks;

/// <summary>One subscription in configuration (<c>Cti:Webhooks:Subscriptions:&lt;name&gt;</c>).</summary>
internal sealed class WebhookSubscriptionOptions
{
    /// <summary>Where events are POSTed: https, or http only to a loopback host.</summary>
    public string Url { get; set; } = "";

    /// <summary>The signing key: <c>whsec_&lt;base64&gt;</c> or a raw string of at least 24 bytes.</summary>
    public string Secret { get; set; } = "";

    /// <summary>Event types to send (<c>call.ended</c>, <c>call.*</c>, <c>*</c>); empty means all.</summary>
    public List<string> Types { get; set; } = [];

    /// <summary>Events per request; null takes <see cref="WebhooksOptions.BatchSize"/>.</summary>
    public int? BatchSize { get; set; }
}
