using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Cti.Interop.Tests.HeaderForms;

/// <summary>
/// The values of an MD5 digest answer (RFC 2617 §3.2.2, RFC 7616 §3.4.1), computed here independently of the
/// service's code, for a test to spell as it likes.
/// </summary>
internal sealed partial record DigestAnswer(
    string Username, string Realm, string Nonce, string Uri, string Response, string? ClientNonce, string? NonceCount, string? Opaque)
{
    /// <summary>Answers the MD5 challenge of a 401; with <paramref name="clientNonce"/> null, the RFC 2069 form (no qop).</summary>
    public static DigestAnswer For(string challenge, string user, string password, string method, string uri, string? clientNonce, int nonceCount = 1)
    {
        var realm = Parameter(challenge, "realm") ?? throw new FormatException("no realm in " + challenge);
        var nonce = Parameter(challenge, "nonce") ?? throw new FormatException("no nonce in " + challenge);
        var algorithm = Parameter(challenge, "algorithm");
        if (algorithm is not null && !algorithm.Equals("MD5", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException("expected an MD5 challenge: " + challenge);
        }

        var ha1 = Md5($"{user}:{realm}:{password}");
        var ha2 = Md5($"{method}:{uri}");
        var nc = clientNonce is null ? null : nonceCount.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var response = clientNonce is null ? Md5($"{ha1}:{nonce}:{ha2}") : Md5($"{ha1}:{nonce}:{nc}:{clientNonce}:auth:{ha2}");
        return new DigestAnswer(user, realm, nonce, uri, response, clientNonce, nc, Parameter(challenge, "opaque"));
    }

    /// <summary>A parameter of a challenge, quoted or not, or null.</summary>
    public static string? Parameter(string challenge, string name)
    {
        var match = ParameterRegex().Match(challenge);
        while (match.Success)
        {
            if (match.Groups["name"].Value.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return match.Groups["quoted"].Success ? match.Groups["quoted"].Value : match.Groups["token"].Value;
            }

            match = match.NextMatch();
        }

        return null;
    }

#pragma warning disable CA5351 // SIP digest MD5 is what the phones send; the test plays a phone.
    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

    [GeneratedRegex("""(?<name>[A-Za-z-]+)\s*=\s*(?:"(?<quoted>[^"]*)"|(?<token>[^\s,]+))""")]
    private static partial Regex ParameterRegex();
}
