using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace Cti.Sip.Parsing;

/// <summary>Throw helpers kept out of line so the hot parsing paths stay small.</summary>
internal static class SipParseThrow
{
    [StackTraceHidden]
    [DoesNotReturn]
    public static void Reject(SipParseErrorReason reason, string detail) => throw new SipParseException(reason, detail);

    [StackTraceHidden]
    [DoesNotReturn]
    public static T Reject<T>(SipParseErrorReason reason, string detail) => throw new SipParseException(reason, detail);
}
