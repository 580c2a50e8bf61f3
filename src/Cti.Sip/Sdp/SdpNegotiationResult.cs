using System.Net;

namespace Cti.Sip.Sdp;

/// <summary>The outcome of <see cref="SdpNegotiator.Answer"/> or <see cref="SdpNegotiator.ReadAnswer"/>.</summary>
public sealed record SdpNegotiationResult
{
    /// <summary>Whether a codec was agreed.</summary>
    public bool Success => Error == SdpNegotiationError.None;

    /// <summary>Why negotiation failed, or <see cref="SdpNegotiationError.None"/>.</summary>
    public SdpNegotiationError Error { get; init; }

    /// <summary>The answer to send back (only from <see cref="SdpNegotiator.Answer"/> on success).</summary>
    public SdpSessionDescription? Answer { get; init; }

    /// <summary>The agreed audio codec with the payload type to use on the wire.</summary>
    public SdpCodec? Codec { get; init; }

    /// <summary>The agreed telephone-event payload type, or null when DTMF events were not agreed.</summary>
    public int? TelephoneEventPayloadType { get; init; }

    /// <summary>The remote party's direction for the audio stream, as it wrote it.</summary>
    public SdpDirection RemoteDirection { get; init; }

    /// <summary>Where the remote party wants RTP, or null when it must not be sent anything (port 0 or address 0.0.0.0).</summary>
    public IPEndPoint? RemoteRtp { get; init; }

    /// <summary>Where the remote party wants RTCP (RFC 3605 attribute, else RTP port + 1), or null.</summary>
    public IPEndPoint? RemoteRtcp { get; init; }

    /// <summary>The remote party's packetisation time, or null when not written.</summary>
    public int? RemotePtime { get; init; }

    /// <summary>A failed result.</summary>
    public static SdpNegotiationResult Failed(SdpNegotiationError error) => new() { Error = error };
}
