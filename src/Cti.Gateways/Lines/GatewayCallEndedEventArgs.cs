using Cti.Gateways.Hosting;

namespace Cti.Gateways.Lines;

/// <summary>A call on the line ended; <see cref="Outcome"/> is the bounded label ("remote-hangup", "line-failure" ...).</summary>
internal sealed class GatewayCallEndedEventArgs(string line, GatewayCallDirection direction, GatewayCallEndReason reason, string? cause, DateTimeOffset at) : EventArgs
{
    public string Line { get; } = line;

    public GatewayCallDirection Direction { get; } = direction;

    public GatewayCallEndReason Reason { get; } = reason;

    public string Outcome => GatewayLabels.CallEnd(Reason);

    /// <summary>The +CEER text when the module gave one.</summary>
    public string? Cause { get; } = cause;

    public DateTimeOffset At { get; } = at;
}
