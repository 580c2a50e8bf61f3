namespace Cti.Webhooks;

/// <summary>Where a subscription was defined; configuration ones are changed in configuration only.</summary>
internal static class WebhookOrigin
{
    public const string Configuration = "config";

    public const string Api = "api";
}
