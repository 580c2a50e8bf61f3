namespace Cti.Sip.Auth;

internal enum DigestNonceStatus
{
    Valid,
    Expired,
    Invalid,
}
