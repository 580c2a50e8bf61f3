using System.Text.RegularExpressions;
using Cti.Sip.Auth;

namespace Cti.Sip.Tests.Auth;

/// <summary>Answers a challenge the way a user agent would.</summary>
internal static partial class DigestTestClient
{
    public static string Nonce(string challenge) => NonceRegex().Match(challenge).Groups[1].Value;

    public static string Opaque(string challenge) => OpaqueRegex().Match(challenge).Groups[1].Value;

    public static string Answer(
        string challenge, string user, string password, string method, string uri, DigestAlgorithm algorithm, int nc, string realm = "cti.test")
    {
        var nonce = Nonce(challenge);
        var ha1 = Ha1.Compute(user, realm, password, algorithm);
        var ncText = nc.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var response = DigestResponse.Compute(algorithm, ha1, nonce, method, uri, "auth", ncText, "c1");
        return $"Digest username=\"{user}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", response=\"{response}\", " +
               $"algorithm={DigestAlgorithmNames.ToToken(algorithm)}, cnonce=\"c1\", opaque=\"{Opaque(challenge)}\", qop=auth, nc={ncText}";
    }

    [GeneratedRegex("nonce=\"([^\"]*)\"")]
    private static partial Regex NonceRegex();

    [GeneratedRegex("opaque=\"([^\"]*)\"")]
    private static partial Regex OpaqueRegex();
}
