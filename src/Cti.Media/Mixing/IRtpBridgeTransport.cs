using System.Net;

namespace Cti.Media.Mixing;

/// <summary>How a bridge participant's packets reach it: a socket pair of the bridge's own, or a relay leg it borrowed.</summary>
internal interface IRtpBridgeTransport
{
    /// <summary>The local RTP address the party sends to (what its SDP was given).</summary>
    IPEndPoint LocalRtpEndPoint { get; }

    /// <summary>The local RTCP address (RTP port + 1).</summary>
    IPEndPoint LocalRtcpEndPoint { get; }

    /// <summary>RTCP packets accepted from the party on this transport (0 where the relay counts them).</summary>
    long RtcpPacketsIn { get; }

    /// <summary>Where the party wants media, from its SDP; symmetric latching takes over on its first packet.</summary>
    void SetRemote(IPEndPoint? rtp, IPEndPoint? rtcp);

    /// <summary>Sends one mixed packet to the party; false when it could not (no address yet, send failed, not ours any more).</summary>
    bool TrySend(ReadOnlySpan<byte> packet);
}
