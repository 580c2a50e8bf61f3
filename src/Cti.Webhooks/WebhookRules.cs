using System.Net;

namespace Cti.Webhooks;

/// <summary>The checks of a subscription, shared by the configuration validator and the API: every error, at once.</summary>
internal static class WebhookRules
{
    public const int MaxBatchSize = 1000;

    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 64 && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');

    /// <summary>Reports each problem as (field, message); the field is the setting's name (Url, Secret, Types, BatchSize, Id).</summary>
    public static void Collect(string id, string? url, string? secret, IEnumerable<string>? types, int? batchSize, Action<string, string> error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (!IsValidId(id))
        {
            error("Id", $"'{id}' must be 1-64 lower-case letters, digits, '-' or '_'.");
        }

        if (UrlError(url) is { } urlError)
        {
            error("Url", urlError);
        }

        if (!WebhookSecret.TryParse(secret, out _, out var secretError))
        {
            error("Secret", secretError);
        }

        foreach (var type in types ?? [])
        {
            if (!WebhookTypeFilter.IsValidPattern(type))
            {
                error("Types", $"'{type}' is not an event type, a prefix ending in '.*' or '*'.");
            }
        }

        if (batchSize is < 1 or > MaxBatchSize)
        {
            error("BatchSize", $"must be 1-{MaxBatchSize}.");
        }
    }

    /// <summary>Null when the URL is acceptable; otherwise why not (never echoes credentials in the URL).</summary>
    public static string? UrlError(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "must be an absolute http(s) URL.";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            return $"must use https (got '{uri.Scheme}').";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "must not carry credentials; the signature authenticates the sender.";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            return $"must use https: plain http is allowed only to a loopback host, not '{uri.Host}'.";
        }

        return null;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
