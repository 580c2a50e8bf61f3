namespace Cti.Gateways.Lines;

/// <summary>RING with its +CLIP caller id; <see cref="CallerNumber"/> is null when withheld or not sent.</summary>
internal sealed class GatewayIncomingCallEventArgs(string line, string? queue, string? callerNumber, DateTimeOffset at) : EventArgs
{
    public string Line { get; } = line;

    public string? Queue { get; } = queue;

    public string? CallerNumber { get; } = callerNumber;

    public DateTimeOffset At { get; } = at;
}
