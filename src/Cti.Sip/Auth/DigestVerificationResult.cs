namespace Cti.Sip.Auth;

/// <summary>
/// Outcome of <see cref="DigestAuthenticator.Verify(string, string?, Func{string, DigestAlgorithm, string?})"/>.
/// Every value except <see cref="Ok"/> is answered with a fresh challenge; only <see cref="StaleNonce"/> sets
/// <c>stale=true</c>. <see cref="UnknownUser"/> must be answered exactly like <see cref="WrongResponse"/>.
/// </summary>
public enum DigestVerificationResult
{
    Ok,
    NoCredentials,
    Malformed,
    UnknownUser,
    WrongResponse,
    StaleNonce,
    InvalidNonce,
    ReplayedNonceCount,
    RealmMismatch,
    UriMismatch,
    OpaqueMismatch,
    UnsupportedAlgorithm,
    UnsupportedQop,
}
