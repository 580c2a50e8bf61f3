namespace Cti.Sip.Auth;

internal enum DigestCredentialsParseOutcome
{
    NoCredentials,
    Malformed,
    Parsed,
}
