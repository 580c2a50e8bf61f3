using System.Diagnostics.CodeAnalysis;
using System.Text;

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
        if (!TryParseParameters(text[schemeEnd..], parameters))
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

    // auth-param = token BWS "=" BWS ( token / quoted-string ), separated by commas (RFC 7235 §2.1).
    private static bool TryParseParameters(ReadOnlySpan<char> text, Dictionary<string, string> parameters)
    {
        var i = 0;
        var value = new StringBuilder();
        while (true)
        {
            while (i < text.Length && (text[i] is ' ' or '\t' or ','))
            {
                i++;
            }

            if (i >= text.Length)
            {
                return parameters.Count > 0;
            }

            var nameStart = i;
            while (i < text.Length && IsTokenChar(text[i]))
            {
                i++;
            }

            if (i == nameStart)
            {
                return false;
            }

            var name = text[nameStart..i].ToString();
            SkipSpace(text, ref i);
            if (i >= text.Length || text[i] != '=')
            {
                return false;
            }

            i++;
            SkipSpace(text, ref i);
            value.Clear();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    var c = text[i++];
                    if (c == '\\')
                    {
                        if (i >= text.Length)
                        {
                            return false;
                        }

                        value.Append(text[i++]);
                    }
                    else if (c == '"')
                    {
                        closed = true;
                        break;
                    }
                    else
                    {
                        value.Append(c);
                    }
                }

                if (!closed)
                {
                    return false;
                }
            }
            else
            {
                var valueStart = i;
                while (i < text.Length && IsTokenChar(text[i]))
                {
                    i++;
                }

                if (i == valueStart)
                {
                    return false;
                }

                value.Append(text[valueStart..i]);
            }

            if (!parameters.TryAdd(name, value.ToString()))
            {
                return false;
            }

            SkipSpace(text, ref i);
            if (i < text.Length && text[i] != ',')
            {
                return false;
            }
        }
    }

    private static void SkipSpace(ReadOnlySpan<char> text, ref int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }
    }

    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~' or '/' or ':' or '@';
}
