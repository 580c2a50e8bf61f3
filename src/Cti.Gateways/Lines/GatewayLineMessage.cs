using Cti.Gateways.At;

namespace Cti.Gateways.Lines;

/// <summary>What arrives on a line's inbox: API requests, port reports, unsolicited codes, command results, timer ticks.</summary>
internal abstract record GatewayLineMessage
{
    public sealed record PortUp(AtCommandExecutor Executor, int? SignalDbm, NetworkRegistration? Registration, string? SimState) : GatewayLineMessage;

    public sealed record PortDown(string Reason, TaskCompletionSource? Resume) : GatewayLineMessage;

    public sealed record HealthUpdate(int? SignalDbm, NetworkRegistration? Registration) : GatewayLineMessage;

    public sealed record Unsolicited(AtCommandExecutor Source, AtLine Line) : GatewayLineMessage;

    public sealed record DialRequest(string Number, TimeSpan RingTimeout, TaskCompletionSource<GatewayDialResult> Completion) : GatewayLineMessage;

    public sealed record CancelDial(TaskCompletionSource<GatewayDialResult> Completion) : GatewayLineMessage;

    public sealed record AnswerRequest(TaskCompletionSource<GatewayCommandResult> Completion) : GatewayLineMessage;

    public sealed record HangupRequest(TaskCompletionSource<GatewayCommandResult> Completion) : GatewayLineMessage;

    public sealed record DtmfRequest(string Digits, TaskCompletionSource<GatewayCommandResult> Completion) : GatewayLineMessage;

    public sealed record SetOutOfService(string Reason, TaskCompletionSource<GatewayLineSnapshot> Completion) : GatewayLineMessage;

    public sealed record SetInService(TaskCompletionSource<GatewayLineSnapshot> Completion) : GatewayLineMessage;

    public sealed record CommandDone(long CallId, GatewayCallStep Step, AtResponse Response) : GatewayLineMessage;

    public sealed record PollTick(long CallId) : GatewayLineMessage;

    public sealed record RingTimerFired(long CallId) : GatewayLineMessage;
}
