using Cti.Media.Mixing;

namespace Cti.Calls.Parties;

/// <summary>A DTMF tone from a party's phone (RFC 4733 on the mixer's endpoint), start of the event.</summary>
internal sealed record MonitorDtmfSignal(char Digit, uint RtpTimestamp, RtpBridgeParticipant From) : CallSignal;
