namespace Cti.Calls.Monitoring;

/// <summary>A DTMF tone from the supervisor's phone (RFC 4733 on the mixer's endpoint), start of the event.</summary>
internal sealed record MonitorDtmfSignal(char Digit, uint RtpTimestamp) : CallSignal;
