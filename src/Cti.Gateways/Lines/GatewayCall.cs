namespace Cti.Gateways.Lines;

/// <summary>The call on a line; owned by the line's loop.</summary>
internal sealed class GatewayCall(long id, GatewayCallDirection direction, string? number)
{
    public long Id { get; } = id;

    public GatewayCallDirection Direction { get; } = direction;

    public string? Number { get; set; } = number;

    public GatewayCallState State { get; set; }

    public bool Ending { get; set; }

    public bool PollInFlight { get; set; }

    public bool Announced { get; set; }

    public int Rings { get; set; }

    public GatewayDialOutcome? PendingOutcome { get; set; }

    public TaskCompletionSource<GatewayDialResult>? DialCompletion { get; init; }

    public TaskCompletionSource<GatewayCommandResult>? AnswerCompletion { get; set; }

    public TaskCompletionSource<GatewayCommandResult>? HangupCompletion { get; set; }

    public ITimer? PollTimer { get; set; }

    public ITimer? RingTimer { get; set; }
}
