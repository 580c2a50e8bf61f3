namespace Cti.Sip.Auth;

internal enum DigestNonceCountOutcome
{
    Accepted,
    Replayed,
    Full,
}
