namespace Cti.Sip.Auth;

/// <summary>The request-digest of RFC 7616 §3.4.1 (qop=auth) and RFC 2069 (no qop).</summary>
internal static class DigestResponse
{
    public static string Compute(
        DigestAlgorithm algorithm,
        string ha1,
        string nonce,
        string method,
        string digestUri,
        string? qop,
        string? nonceCount,
        string? clientNonce)
    {
        var ha2 = DigestHash.Hex(algorithm, string.Concat(method, ":", digestUri));
        return qop is null
            ? DigestHash.Hex(algorithm, string.Concat(ha1, ":", nonce, ":", ha2))
            : DigestHash.Hex(algorithm, string.Join(':', ha1, nonce, nonceCount, clientNonce, qop, ha2));
    }
}
