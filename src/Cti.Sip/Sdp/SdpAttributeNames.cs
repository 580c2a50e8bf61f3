namespace Cti.Sip.Sdp;

/// <summary>Names of the attributes this library interprets.</summary>
public static class SdpAttributeNames
{
    /// <summary>RFC 4566 §6.6.</summary>
    public const string RtpMap = "rtpmap";

    /// <summary>RFC 4566 §6.15.</summary>
    public const string Fmtp = "fmtp";

    /// <summary>RFC 4566 §6.4, milliseconds of media per packet.</summary>
    public const string Ptime = "ptime";

    /// <summary>RFC 4566 §6.5.</summary>
    public const string MaxPtime = "maxptime";

    /// <summary>RFC 3605 explicit RTCP port (and optional address).</summary>
    public const string Rtcp = "rtcp";

    /// <summary>Direction attributes (RFC 3264 §5.1).</summary>
    public const string SendRecv = "sendrecv";

    /// <summary>See <see cref="SdpDirection.SendOnly"/>.</summary>
    public const string SendOnly = "sendonly";

    /// <summary>See <see cref="SdpDirection.RecvOnly"/>.</summary>
    public const string RecvOnly = "recvonly";

    /// <summary>See <see cref="SdpDirection.Inactive"/>.</summary>
    public const string Inactive = "inactive";

    /// <summary>Returns the direction an attribute name denotes, or null.</summary>
    public static SdpDirection? ToDirection(string name) => name switch
    {
        SendRecv => SdpDirection.SendRecv,
        SendOnly => SdpDirection.SendOnly,
        RecvOnly => SdpDirection.RecvOnly,
        Inactive => SdpDirection.Inactive,
        _ => null,
    };

    /// <summary>The attribute name of a direction.</summary>
    public static string FromDirection(SdpDirection direction) => direction switch
    {
        SdpDirection.SendOnly => SendOnly,
        SdpDirection.RecvOnly => RecvOnly,
        SdpDirection.Inactive => Inactive,
        _ => SendRecv,
    };
}
