using System.Diagnostics.CodeAnalysis;

namespace Cti.Sip.Auth;

/// <summary>
/// A Digest challenge received from a server in <c>WWW-Authenticate</c> (401) or <c>Proxy-Authenticate</c> (407),
/// as the client side reads it (RFC 7616 §3.3, RFC 3261 §22).
/// </summary>
public sealed record DigestServerChallenge
{
    public required string Realm { get; init; }

    public required string Nonce { get; init; }

    public string? Opaque { get; init; }

    public DigestAlgorithm Algorithm { get; init; }

    /// <summary>True for the <c>-sess</c> variants, where HA1 also covers the nonce and cnonce.</summary>
    public bool IsSession { get; init; }

    /// <summary>The offered <c>qop</c> values (lower case); empty for RFC 2069 style challenges.</summary>
    public IReadOnlyList<string> Qop { get; init; } = [];

    /// <summary>True when the server refused only because the nonce aged: the same password is worth another try.</summary>
    public bool Stale { get; init; }

    /// <summary>True for a 407 challenge, answered in <c>Proxy-Authorization</c>.</summary>
    public bool IsProxy { get; init; }

    /// <summary>The <c>algorithm</c> token as it goes back in the credentials (e.g. <c>SHA-256-sess</c>).</summary>
    public string AlgorithmToken => DigestAlgorithmNames.ToToken(Algorithm) + (IsSession ? "-sess" : string.Empty);

    /// <summary>Whether this client can answer: qop absent (RFC 2069) or offering <c>auth</c>.</summary>
    public bool IsAnswerable => Qop.Count == 0 || Qop.Contains("auth");

    /// <summary>
    /// Parses one challenge value. Returns false for other schemes, missing realm/nonce, unknown algorithms
    /// (e.g. SHA-512-256) and malformed syntax.
    /// </summary>
    public static bool TryParse(string? headerValue, bool isProxy, [NotNullWhen(true)] out DigestServerChallenge? challenge)
    {
        challenge = null;
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!DigestParameterReader.TryRead(headerValue, "Digest", parameters) ||
            !parameters.TryGetValue("realm", out var realm) ||
            !parameters.TryGetValue("nonce", out var nonce) || nonce.Length == 0)
        {
            return false;
        }

        var token = parameters.GetValueOrDefault("algorithm");
        var session = token is not null && token.EndsWith("-sess", StringComparison.OrdinalIgnoreCase);
        if (!DigestAlgorithmNames.TryParse(session ? token![..^5] : token, out var algorithm) || (session && token!.Length == 5))
        {
            return false;
        }

        challenge = new DigestServerChallenge
        {
            Realm = realm,
            Nonce = nonce,
            Opaque = parameters.GetValueOrDefault("opaque"),
            Algorithm = algorithm,
            IsSession = session,
            Qop = parameters.TryGetValue("qop", out var qop)
                ? qop.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(q => q.ToLowerInvariant()).ToArray()
                : [],
            Stale = string.Equals(parameters.GetValueOrDefault("stale"), "true", StringComparison.OrdinalIgnoreCase),
            IsProxy = isProxy,
        };
        return true;
    }

    /// <summary>
    /// Picks the challenge to answer among several header values: answerable ones only, SHA-256 before MD5
    /// (RFC 8760 §2.4: the client uses the strongest it supports), otherwise in the server's order.
    /// </summary>
    public static DigestServerChallenge? SelectBest(IEnumerable<string> headerValues, bool isProxy)
    {
        ArgumentNullException.ThrowIfNull(headerValues);
        DigestServerChallenge? best = null;
        foreach (var value in headerValues)
        {
            if (TryParse(value, isProxy, out var challenge) && challenge.IsAnswerable &&
                (best is null || (best.Algorithm == DigestAlgorithm.Md5 && challenge.Algorithm == DigestAlgorithm.Sha256)))
            {
                best = challenge;
            }
        }

        return best;
    }
}
