using System.Globalization;
using System.Text;

namespace Cti.Sip.Auth;

/// <summary>
/// Computes the client's <c>Authorization</c> / <c>Proxy-Authorization</c> value for a challenge
/// (RFC 7616 §3.4, RFC 2617 §3.2.2, RFC 3261 §22.4). Pure: the caller supplies the cnonce and nonce-count.
/// </summary>
public static class DigestAuthorization
{
    /// <summary>
    /// Builds the header value. With a qop-less challenge the RFC 2069 form is produced (no cnonce, nc or qop);
    /// otherwise qop=auth with <paramref name="clientNonce"/> and <paramref name="nonceCount"/>.
    /// </summary>
    public static string Create(
        DigestServerChallenge challenge,
        string username,
        string password,
        string method,
        string digestUri,
        string clientNonce,
        long nonceCount)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(digestUri);
        ArgumentNullException.ThrowIfNull(clientNonce);
        if (!challenge.IsAnswerable)
        {
            throw new ArgumentException("The challenge offers no qop this client supports (auth).", nameof(challenge));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(nonceCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nonceCount, 0xFFFFFFFFL);
        var useQop = challenge.Qop.Count > 0;
        var nc = nonceCount.ToString("x8", CultureInfo.InvariantCulture);
        var ha1 = Ha1.Compute(username, challenge.Realm, password, challenge.Algorithm);
        if (challenge.IsSession)
        {
            // RFC 7616 §3.4.2: the -sess HA1 also binds the server and client nonces.
            ha1 = DigestHash.Hex(challenge.Algorithm, string.Join(':', ha1, challenge.Nonce, clientNonce));
        }

        var response = DigestResponse.Compute(
            challenge.Algorithm, ha1, challenge.Nonce, method, digestUri, useQop ? "auth" : null, useQop ? nc : null, useQop ? clientNonce : null);

        var builder = new StringBuilder(256)
            .Append("Digest username=").Append(DigestParameterReader.Quote(username))
            .Append(", realm=").Append(DigestParameterReader.Quote(challenge.Realm))
            .Append(", nonce=").Append(DigestParameterReader.Quote(challenge.Nonce))
            .Append(", uri=").Append(DigestParameterReader.Quote(digestUri))
            .Append(", response=\"").Append(response).Append('"')
            .Append(", algorithm=").Append(challenge.AlgorithmToken);
        if (useQop)
        {
            builder.Append(", cnonce=").Append(DigestParameterReader.Quote(clientNonce))
                .Append(", qop=auth, nc=").Append(nc);
        }

        if (challenge.Opaque is not null)
        {
            builder.Append(", opaque=").Append(DigestParameterReader.Quote(challenge.Opaque));
        }

        return builder.ToString();
    }
}
