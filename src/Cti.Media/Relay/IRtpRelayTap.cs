using Cti.Media.Rtp;

namespace Cti.Media.Relay;

/// <summary>
/// Takes a relay's audio instead of the other leg: while a tap is set (<see cref="RtpRelaySession.TryDivert"/>), audio
/// from each leg goes to the tap and nothing is forwarded leg to leg. DTMF is still surfaced by the relay and
/// recording goes on. Called on the relay's receive loops: must be quick and must not block.
/// </summary>
internal interface IRtpRelayTap
{
    /// <summary>An accepted audio (not telephone-event) packet from <paramref name="from"/>.</summary>
    void OnAudio(RtpRelayLegId from, in RtpHeader header, ReadOnlySpan<byte> payload);
}
