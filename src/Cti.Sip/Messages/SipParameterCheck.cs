namespace Cti.Sip.Messages;

/// <summary>Header-specific rule for one parameter (e.g. Via <c>ttl</c> is 0-255); false rejects the header.</summary>
internal delegate bool SipParameterCheck(ReadOnlySpan<char> name, ReadOnlySpan<char> value, bool hasValue);
