namespace Cti.Sip.Parsing;

/// <summary>Why the parser rejected a message. <see cref="SipParseError.StatusCode"/> maps each to a SIP status.</summary>
public enum SipParseErrorReason
{
    /// <summary>The datagram held nothing but CRLFs.</summary>
    EmptyMessage,

    /// <summary>The start line is neither a Request-Line nor a Status-Line.</summary>
    InvalidStartLine,

    InvalidMethod,

    /// <summary>Request-URI malformed, enclosed in &lt;&gt;, containing LWS, or carrying URI headers.</summary>
    InvalidRequestUri,

    /// <summary>SIP-Version is not <c>SIP/digits.digits</c>.</summary>
    InvalidVersion,

    /// <summary>Status code is not exactly three digits in 100-699.</summary>
    InvalidStatusCode,

    /// <summary>A header line without a colon or with a name that is not a token, or a stray continuation line.</summary>
    InvalidHeaderLine,

    /// <summary>A bare CR or LF where CRLF is required.</summary>
    InvalidLineEnding,

    InvalidVia,
    InvalidFrom,
    InvalidTo,
    InvalidCallId,
    InvalidCSeq,
    InvalidMaxForwards,
    InvalidContact,

    /// <summary>Content-Length is not 1*DIGIT (negative, overflowing, garbage) or appears twice.</summary>
    InvalidContentLength,

    /// <summary>A stream message without Content-Length (RFC 3261 18.3 makes it mandatory over TCP).</summary>
    MissingContentLength,

    /// <summary>The datagram ends before Content-Length octets of body.</summary>
    TruncatedBody,

    /// <summary>Call-ID, From, To, CSeq or Max-Forwards appears more than once.</summary>
    DuplicateHeader,

    MessageTooLarge,
    TooManyHeaders,
    LineTooLong,
    BodyTooLarge,
}
