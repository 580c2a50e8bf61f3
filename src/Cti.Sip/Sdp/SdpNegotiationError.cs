namespace Cti.Sip.Sdp;

/// <summary>Why an offer could not be answered (map to SIP 488 Not Acceptable Here).</summary>
public enum SdpNegotiationError
{
    /// <summary>Negotiation succeeded.</summary>
    None,

    /// <summary>The offer has no audio section with a non-zero port.</summary>
    NoAudio,

    /// <summary>No offered audio format is among the supported codecs.</summary>
    NoCommonCodec,

    /// <summary>The audio connection address is missing or not an IP address.</summary>
    InvalidConnection,
}
