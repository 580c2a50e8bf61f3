namespace Cti.Sip.Messages;

/// <summary>One header line as (canonical name, unfolded value).</summary>
public readonly record struct SipHeaderField(string Name, string Value);
