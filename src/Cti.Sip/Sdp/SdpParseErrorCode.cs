namespace Cti.Sip.Sdp;

/// <summary>Why a session description was rejected.</summary>
public enum SdpParseErrorCode
{
    /// <summary>No error.</summary>
    None,

    /// <summary>Empty body.</summary>
    Empty,

    /// <summary>Longer than <see cref="SdpParser.MaxLength"/> characters or more than <see cref="SdpParser.MaxLines"/> lines.</summary>
    TooLarge,

    /// <summary>More than <see cref="SdpParser.MaxMediaSections"/> media sections.</summary>
    TooManyMedia,

    /// <summary>A line is not <c>&lt;lower-case letter&gt;=&lt;value&gt;</c>.</summary>
    MalformedLine,

    /// <summary>The first line is not <c>v=</c>.</summary>
    MissingVersion,

    /// <summary><c>v=</c> is not 0.</summary>
    UnsupportedVersion,

    /// <summary>The second line is not <c>o=</c>.</summary>
    MissingOrigin,

    /// <summary><c>o=</c> does not have six fields or its version is not a number.</summary>
    InvalidOrigin,

    /// <summary>No <c>s=</c> line before the first media section.</summary>
    MissingSessionName,

    /// <summary><c>c=</c> does not have three fields.</summary>
    InvalidConnection,

    /// <summary><c>t=</c> is not two numbers.</summary>
    InvalidTiming,

    /// <summary><c>a=</c> has an empty name.</summary>
    InvalidAttribute,

    /// <summary><c>m=</c> is malformed: fields, port range, or non-numeric payload types for an RTP profile.</summary>
    InvalidMedia,

    /// <summary>A used media section has no <c>c=</c> and there is no session-level one.</summary>
    MissingConnection,

    /// <summary>A line that must appear once appears twice (<c>v=</c>, <c>o=</c>, <c>s=</c>, <c>c=</c> in one section).</summary>
    DuplicateLine,
}
