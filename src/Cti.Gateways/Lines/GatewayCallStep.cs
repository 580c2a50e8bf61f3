namespace Cti.Gateways.Lines;

/// <summary>Which command of a call a completion answers, so the line's loop knows who handles its response.</summary>
internal enum GatewayCallStep
{
    Dial,
    Clcc,
    Ceer,
    Answer,
    Hangup,
    HangupChup,
}
