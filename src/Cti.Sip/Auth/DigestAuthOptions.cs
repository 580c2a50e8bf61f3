namespace Cti.Sip.Auth;

/// <summary>Settings of the digest authenticator.</summary>
public sealed class DigestAuthOptions
{
    /// <summary>The realm offered in challenges and required in credentials.</summary>
    public string Realm { get; set; } = "";

    /// <summary>How long an issued nonce is accepted; older nonces are answered with <c>stale=true</c>. Default 5 minutes.</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Upper bound of nonces whose nonce-count is tracked at once. Default 100 000.</summary>
    public int MaxTrackedNonces { get; set; } = 100_000;

    /// <summary>Whether responses without <c>qop</c> (RFC 2069 style, no replay counter) are accepted. Default true.</summary>
    public bool AllowResponsesWithoutQop { get; set; } = true;

    /// <summary>Returns every configuration error (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Realm))
        {
            errors.Add("Realm is required.");
        }
        else if (Realm.Contains('"', StringComparison.Ordinal) || Realm.Contains('\\', StringComparison.Ordinal))
        {
            errors.Add("Realm must not contain quotes or backslashes.");
        }

        if (NonceLifetime <= TimeSpan.Zero || NonceLifetime > TimeSpan.FromDays(1))
        {
            errors.Add("NonceLifetime must be positive and at most one day.");
        }

        if (MaxTrackedNonces < 1)
        {
            errors.Add("MaxTrackedNonces must be at least 1.");
        }

        return errors;
    }
}
