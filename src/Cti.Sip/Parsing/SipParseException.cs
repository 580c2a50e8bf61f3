namespace Cti.Sip.Parsing;

/// <summary>Internal control flow for the parser; never escapes <see cref="SipMessageParser"/>.</summary>
#pragma warning disable CA1064 // Internal by design: callers see SipParseError, not exceptions.
internal sealed class SipParseException(SipParseErrorReason reason, string detail) : Exception(detail)
#pragma warning restore CA1064
{
    public SipParseErrorReason Reason { get; } = reason;
}
