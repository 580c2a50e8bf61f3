using Cti.Media.Relay;
using Cti.Media.Rtp;

namespace Cti.Media.Mixing;

/// <summary>Hands a diverted relay's audio to the two bridge participants that stand for its legs.</summary>
internal sealed class RtpRelayBridgeTap(RtpRelaySession relay) : IRtpRelayTap
{
    public RtpRelaySession Relay { get; } = relay;

    public RtpBridgeParticipant? LegA { get; set; }

    public RtpBridgeParticipant? LegB { get; set; }

    public void OnAudio(RtpRelayLegId from, in RtpHeader header, ReadOnlySpan<byte> payload) =>
        (from == RtpRelayLegId.A ? LegA : LegB)?.OnAudio(header, payload);
}
