using System.Diagnostics.CodeAnalysis;
using Cti.Sip.Messages;

namespace Cti.Sip.Parsing;

/// <summary>Outcome of parsing one datagram: exactly one of <see cref="Message"/> and <see cref="Error"/> is set.</summary>
public readonly record struct SipParseResult(SipMessage? Message, SipParseError? Error)
{
    [MemberNotNullWhen(true, nameof(Message))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Message is not null;
}
