using System.Diagnostics.CodeAnalysis;

namespace Cti.Sip.Auth;

/// <summary>The parameters of an <c>Authorization</c> / <c>Proxy-Authorization</c> Digest header value.</summary>
public sealed record DigestCredentials
{
    /// <summary>Longest header value accepted; longer values are treated as malformed.</summary>
    public const int MaxLength = 4096;

    public required string Username { get; init; }

    public required string Realm { get; init; }

    public required string Nonce { get; init; }

    public required string Uri { get; init; }

    public required string Response { get; init; }

    /// <summary>The raw <c>algorithm</c> token, or null when absent (meaning MD5).</summary>
    public string? Algorithm { get; init; }

    public string? ClientNonce { get; init; }

    public string? Opaque { get; init; }

    public string? Qop { get; init; }

    /// <summary>The raw 8-hex-digit <c>nc</c> value.</summary>
    public string? NonceCount { get; init; }

    /// <summary>
    /// Parses a header value. Returns false for empty values, other schemes and malformed Digest values.
    /// </summary>
    public static bool TryParse(string? headerValue, [NotNullWhen(true)] out DigestCredentials? credentials) =>
        Parse(headerValue, out credentials) == DigestCredentialsParseOutcome.Parsed;

    internal static DigestCredentialsParseOutcome Parse(string? headerValue, out DigestCredentials? credentials)
    {
        credentials = null;
        if (string.IsNullOrWhiteSpace(headerValue))
        {
            return DigestCredentialsParseOutcome.NoCredentials;
        }

        var text = headerValue.AsSpan().Trim();
        var schemeEnd = text.IndexOfAny(' ', '\t');
        var scheme = schemeEnd < 0 ? text : text[..schemeEnd];
        if (!scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase))
        {
            return DigestCredentialsParseOutcome.NoCredentials;
        }

        if (schemeEnd < 0 || text.Length > MaxLength)
        {
            return DigestCredentialsParseOutcome.Malformed;
        }

        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        // auth-param = token BWS "=" BWS ( token / quoted-string ), separated by commas (RFC 7235 §2.1).
        if (!DigestParameterReader.TryReadParameters(text[schemeEnd..], parameters))
        {
            return DigestCredentialsParseOutcome.Malformed;
        }

        if (!parameters.TryGetValue("username", out var username) ||
            !parameters.TryGetValue("realm", out var realm) ||
            !parameters.TryGetValue("nonce", out var nonce) ||
            !parameters.TryGetValue("uri", out var uri) ||
            !parameters.TryGetValue("response", out var response))
        {
            return DigestCredentialsParseOutcome.Malformed;
        }

        credentials = new DigestCredentials
        {
            Username = username,
            Realm = realm,
            Nonce = nonce,
            Uri = uri,
            Response = response,
            Algorithm = parameters.GetValueOrDefault("algorithm"),
            ClientNonce = parameters.GetValueOrDefault("cnonce"),
            Opaque = parameters.GetValueOrDefault("opaque"),
            Qop = parameters.GetValueOrDefault("qop"),
            NonceCount = parameters.GetValueOrDefault("nc"),
        };
        return DigestCredentialsParseOutcome.Parsed;
    }
}
