namespace Cti.Sip.Parsing;

/// <summary>Outcome of parsing from a stream buffer.</summary>
public enum SipParseStatus
{
    /// <summary>The buffer holds only part of a message; nothing was consumed.</summary>
    NeedMoreData,

    /// <summary>A message was parsed and the buffer advanced past it.</summary>
    Complete,

    /// <summary>The bytes are not a valid message; the connection cannot be resynchronised.</summary>
    Error,
}
