using Cti.Media.Relay;

namespace Cti.Media.Rtp;

/// <summary>An RFC 4733 DTMF event seen passing through the relay (the packets themselves are relayed untouched).</summary>
/// <param name="Leg">The leg whose party sent it.</param>
/// <param name="Digit">The DTMF character, see <see cref="TelephoneEvent.Digit"/>.</param>
/// <param name="Duration">Duration so far (at <paramref name="End"/>, the whole tone).</param>
/// <param name="End">False when the event starts, true once when it ends (retransmitted end packets are reported once).</param>
/// <param name="RtpTimestamp">The event's RTP timestamp, identical for its start and end.</param>
public readonly record struct RtpDtmfEvent(RtpRelayLegId Leg, char Digit, TimeSpan Duration, bool End, uint RtpTimestamp);
