using Cti.Gateways.Lines;

namespace Cti.Gateways.Hosting;

/// <summary>Bounded metric/API labels.</summary>
internal static class GatewayLabels
{
    public static string Outcome(GatewayDialOutcome outcome) => outcome switch
    {
        GatewayDialOutcome.Answered => "answered",
        GatewayDialOutcome.Busy => "busy",
        GatewayDialOutcome.NoAnswer => "no-answer",
        GatewayDialOutcome.NoCarrier => "no-carrier",
        GatewayDialOutcome.NoDialTone => "no-dialtone",
        GatewayDialOutcome.NetworkError => "network-error",
        GatewayDialOutcome.LineDown => "line-down",
        GatewayDialOutcome.LineBusy => "line-busy",
        GatewayDialOutcome.CapReached => "cap-reached",
        GatewayDialOutcome.LineFailure => "line-failure",
        GatewayDialOutcome.Cancelled => "cancelled",
        _ => "other",
    };

    public static string CallEnd(GatewayCallEndReason reason) => reason switch
    {
        GatewayCallEndReason.RemoteHangup => "remote-hangup",
        GatewayCallEndReason.LocalHangup => "local-hangup",
        GatewayCallEndReason.Missed => "missed",
        GatewayCallEndReason.LineFailure => "line-failure",
        _ => "other",
    };
}
