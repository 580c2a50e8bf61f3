using System.Net;
using Cti.Media.Relay;

namespace Cti.Media.Mixing;

/// <summary>A relay leg lent to a bridge: the party keeps the relay's address, port and latch, the bridge sends through it.</summary>
internal sealed class RtpRelayLegTransport(RtpRelaySession relay, IRtpRelayTap tap, RtpRelayLegId leg) : IRtpBridgeTransport
{
    public RtpRelaySession Relay => relay;

    public IPEndPoint LocalRtpEndPoint => relay.GetLeg(leg).LocalRtpEndPoint;

    public IPEndPoint LocalRtcpEndPoint => relay.GetLeg(leg).LocalRtcpEndPoint;

    // The relay keeps relaying and counting the legs' RTCP (RtpRelayLeg.GetStatistics).
    public long RtcpPacketsIn => 0;

    public void SetRemote(IPEndPoint? rtp, IPEndPoint? rtcp) => relay.GetLeg(leg).SetRemote(rtp, rtcp);

    public bool TrySend(ReadOnlySpan<byte> packet) => relay.TrySendFromTap(tap, leg, packet);
}
