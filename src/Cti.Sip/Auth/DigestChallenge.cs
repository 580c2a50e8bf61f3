namespace Cti.Sip.Auth;

/// <summary>Formats <c>WWW-Authenticate</c> / <c>Proxy-Authenticate</c> Digest challenge values.</summary>
public static class DigestChallenge
{
    /// <summary>Formats one challenge, e.g. <c>Digest realm="r", nonce="n", opaque="o", algorithm=SHA-256, qop="auth"</c>.</summary>
    public static string Format(string realm, string nonce, string opaque, DigestAlgorithm algorithm, bool stale)
    {
        var value = $"Digest realm=\"{realm}\", nonce=\"{nonce}\", opaque=\"{opaque}\", algorithm={DigestAlgorithmNames.ToToken(algorithm)}, qop=\"auth\"";
        return stale ? value + ", stale=true" : value;
    }
}
