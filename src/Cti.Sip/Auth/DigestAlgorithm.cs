namespace Cti.Sip.Auth;

/// <summary>Digest hash algorithms the server offers and accepts (RFC 7616, RFC 8760).</summary>
public enum DigestAlgorithm
{
    /// <summary>MD5, kept for RFC 2617 era user agents.</summary>
    Md5,

    /// <summary>SHA-256, offered first (RFC 8760).</summary>
    Sha256,
}
