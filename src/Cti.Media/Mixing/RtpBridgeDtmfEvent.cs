namespace Cti.Media.Mixing;

/// <summary>An RFC 4733 event a bridge participant sent (never mixed into anyone's audio).</summary>
/// <param name="Participant">Who sent it.</param>
/// <param name="Digit">The DTMF character, see <see cref="Rtp.TelephoneEvent.Digit"/>.</param>
/// <param name="Duration">Duration so far (at <paramref name="End"/>, the whole tone).</param>
/// <param name="End">False when the event starts, true once when it ends.</param>
/// <param name="RtpTimestamp">The event's RTP timestamp, identical for its start and end.</param>
public readonly record struct RtpBridgeDtmfEvent(RtpBridgeParticipant Participant, char Digit, TimeSpan Duration, bool End, uint RtpTimestamp);
