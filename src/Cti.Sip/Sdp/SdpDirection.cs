namespace Cti.Sip.Sdp;

/// <summary>Media direction attribute of RFC 4566 §6 / RFC 3264 §5.1, seen from the side that wrote the description.</summary>
public enum SdpDirection
{
    /// <summary><c>a=sendrecv</c>, the default when no direction attribute is present.</summary>
    SendRecv,

    /// <summary><c>a=sendonly</c>: the writer sends but does not want to receive (typically "I put you on hold").</summary>
    SendOnly,

    /// <summary><c>a=recvonly</c>: the writer receives but does not send.</summary>
    RecvOnly,

    /// <summary><c>a=inactive</c>: no media either way.</summary>
    Inactive,
}
