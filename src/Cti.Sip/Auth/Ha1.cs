namespace Cti.Sip.Auth;

/// <summary>HA1 = H(username ":" realm ":" password); stores keep HA1 instead of the password.</summary>
public static class Ha1
{
    /// <summary>Computes the lower-case hex HA1 for a user.</summary>
    public static string Compute(string user, string realm, string password, DigestAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(realm);
        ArgumentNullException.ThrowIfNull(password);
        return DigestHash.Hex(algorithm, string.Concat(user, ":", realm, ":", password));
    }
}
