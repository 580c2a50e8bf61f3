using System.Net;

namespace Cti.Host.Options;

internal static class LoopbackAddress
{
    /// <summary>True for 127.0.0.0/8, ::1 and the name localhost; wildcards (0.0.0.0, ::, *, +) are not loopback.</summary>
    public static bool IsLoopbackHost(string host)
    {
        var trimmed = host.Trim().TrimStart('[').TrimEnd(']');
        if (string.Equals(trimmed, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(trimmed, out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>Host part of a listen URL such as http://127.0.0.1:8080 or http://*:8080.</summary>
    public static bool IsLoopbackUrl(string url) => TryParseListenUrl(url, out var uri) && IsLoopbackHost(uri.Host);

    /// <summary>Parses a Kestrel listen URL; the wildcards "*" and "+" (any interface) are read as 0.0.0.0.</summary>
    public static bool TryParseListenUrl(string url, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? uri)
    {
        ArgumentNullException.ThrowIfNull(url);
        var normalised = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        return Uri.TryCreate(normalised, UriKind.Absolute, out uri);
    }
}
