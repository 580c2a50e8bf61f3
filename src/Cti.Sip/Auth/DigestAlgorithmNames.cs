namespace Cti.Sip.Auth;

/// <summary>Wire tokens for <see cref="DigestAlgorithm"/> in the <c>algorithm</c> parameter.</summary>
public static class DigestAlgorithmNames
{
    /// <summary>The MD5 token.</summary>
    public const string Md5 = "MD5";

    /// <summary>The SHA-256 token.</summary>
    public const string Sha256 = "SHA-256";

    /// <summary>Returns the wire token of an algorithm.</summary>
    public static string ToToken(DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Md5 => Md5,
        DigestAlgorithm.Sha256 => Sha256,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Parses a token; an absent token means MD5 (RFC 2617). "-sess" variants are not supported.</summary>
    public static bool TryParse(string? token, out DigestAlgorithm algorithm)
    {
        if (string.IsNullOrEmpty(token) || string.Equals(token, Md5, StringComparison.OrdinalIgnoreCase))
        {
            algorithm = DigestAlgorithm.Md5;
            return true;
        }

        if (string.Equals(token, Sha256, StringComparison.OrdinalIgnoreCase))
        {
            algorithm = DigestAlgorithm.Sha256;
            return true;
        }

        algorithm = default;
        return false;
    }
}
