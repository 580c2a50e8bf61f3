using Cti.Cdrs;
using Cti.Gateways.Lines;
using Cti.Calls.Legs;
using Cti.Routing.Engine;
using CallDirection = Cti.Cdrs.CallDirection;

namespace Cti.Calls.Flows;

/// <summary>
/// A call an agent places from their phone: the agent's INVITE is the caller leg, answered 180 at once; the number is
/// rung through a trunk as the callee leg (like a transfer to an outside number), or dialled on a gateway line whose
/// audio endpoint is then the callee leg, and its answer is passed back as the 200. The agent is reserved in the ACD
/// for the call, so no inbound call is offered meanwhile.
/// </summary>
internal sealed partial class AgentOwnCallFlow(
    CallSession call,
    SipCallerLeg agent,
    string agentId,
    string number,
    IGatewayLine? line,
    AcdEngine acd,
    CallListeners listeners,
    GatewayLineCalls lineCalls,
    TimeSpan ringTimeout,
    ILogger logger) : CallFlow(call)
{
    private readonly AgentCallReservation _reservation = new(call, acd);
    private EventHandler<GatewayCallEndedEventArgs>? _lineHandler;
    private Action? _cancelDial;
    private bool _lineInCall;

    public override CallDirection Direction => CallDirection.Outbound;

    public override HangupParty CallerParty => HangupParty.Agent;

    public override string? CallingAgent => agentId;

    /// <summary>The agent hung up before the number answered.</summary>
    public override CdrDisposition CallerLeftUnanswered => CdrDisposition.NoAnswer;

    public override async Task StartAsync()
    {
        Call.Queue = null;
        Call.LastAgent = agentId;
        Call.AcdWaiting = false;
        Log.AgentCall(logger, Call.Id, agentId);
        Call.Record.Offered(CallEvents.Offered(Call.Id, "outbound", Call.Route.Trunk.Name, null, null, Call.Route.Caller, number) with { AgentId = agentId });
        await agent.RingAsync(earlyMedia: false);
        Call.ArmCallTimers();

        // Busy for the ACD while on this call; an agent who is not logged in may still call (the ACD refuses, harmlessly).
        acd.Post(new ReserveAgentForOutbound(agentId, Call.AcdCallId, Direct: true));
        if (line is not null)
        {
            DialLine(line);
        }
        else
        {
            Call.Transfer.RingExternal(number, ringTimeout);
        }

        Call.RunLoop();
    }

    /// <summary>The reservation that keeps a calling agent busy: nothing to ring, and a refusal changes nothing.</summary>
    public override Task<bool> OnAcdAsync(AcdOutput output) => Task.FromResult(output is AgentReservedForOutbound or CommandRejected);

    public override Task OnSignalAsync(CallSignal signal) => signal switch
    {
        AgentLineDialedSignal d => OnLineDialedAsync(d),
        AgentLineEndedSignal e => OnLineEndedAsync(e),
        _ => Task.CompletedTask,
    };

    /// <summary>The number did not answer: the agent's phone gets the same final status.</summary>
    public override async Task OnExternalFailedAsync(int status)
    {
        var outcome = CallOutcomes.OutcomeOf(status);
        await agent.RejectAsync(status is >= 400 and < 700 ? status : 480);
        await Call.EndAsync(CallOutcomes.DispositionOf(outcome), HangupParty.Callee, status, Q850Causes.FromSipStatus(status));
    }

    public override void OnConnected(CalleeLeg leg) => _reservation.OnConnected(leg);

    public override void OnEnding(CdrDisposition disposition, int? sipCode)
    {
        _reservation.Release();

        EndLine();
    }

    /// <summary>From the centre's number to the dialled one; over a line, the line instead of a trunk.</summary>
    public override Cdr Describe(Cdr cdr)
    {
        var own = cdr with { From = Call.Route.Caller, To = Call.Route.Did, Did = null, Queue = null, WrapUpSeconds = 0 };
        return line is null ? own : own with { Trunk = null, Line = line.Name };
    }

    /// <summary>Dials on the gateway line off the loop; the result and a later end of the line call come back as signals.</summary>
    private void DialLine(IGatewayLine gatewayLine)
    {
        _lineInCall = true;
        _lineHandler = (_, e) => Call.Post(new AgentLineEndedSignal(e.Reason));
        gatewayLine.CallEnded += _lineHandler;
        // The source lives as long as the dial (DialAsync disposes it); EndLine may cancel it first.
        var cancel = new CancellationTokenSource();
        _cancelDial = cancel.Cancel;
        _ = lineCalls.DialAsync(gatewayLine, number, ringTimeout, cancel, static r => new AgentLineDialedSignal(r), Call.Post);
    }

    private async Task OnLineDialedAsync(AgentLineDialedSignal signal)
    {
        if (Call.HasEnded)
        {
            return;
        }

        if (!signal.Result.IsAnswered)
        {
            _lineInCall = false;
            var (outcome, _, _) = GatewayDialOutcomes.Map(signal.Result);
            await OnExternalFailedAsync(outcome switch
            {
                Cti.Dialer.Campaigns.CallOutcome.Busy => 486,
                Cti.Dialer.Campaigns.CallOutcome.NoAnswer => 480,
                Cti.Dialer.Campaigns.CallOutcome.Invalid => 404,
                _ => 503,
            });
            return;
        }

        if (!GatewayAudioEndpoint.TryParse(line!.AudioEndpoint, out var endpoint))
        {
            await OnExternalFailedAsync(503);
            return;
        }

        // The line is up: its audio endpoint is the callee leg, and its answer completes the agent's call.
        var leg = Call.CreateCalleeLeg(CalleeKind.External, null, Call.Route.Did!, endpoint.Uri, endpoint.Uri.User ?? line.Name, listeners.FromAgentListener(endpoint.Destination));
        Call.Legs.Start(leg, TimeSpan.FromSeconds(10));
    }

    /// <summary>The line's call ended (the far end hung up, or the line failed): the agent's call ends with it.</summary>
    private async Task OnLineEndedAsync(AgentLineEndedSignal signal)
    {
        if (Call.HasEnded || !_lineInCall)
        {
            return;
        }

        _lineInCall = false;
        var failure = signal.Reason == GatewayCallEndReason.LineFailure;
        Call.Legs.CancelAll();
        if (Call.Connected?.Dialog is { } audio)
        {
            Call.Sender.SendBye(audio, Q850Causes.NormalClearing);
        }

        await agent.HangUpAsync(failure ? 503 : 480, failure ? "Line failure" : "Temporarily Unavailable", Q850Causes.NormalClearing);
        var disposition = failure ? CdrDisposition.NetworkFailure : Call.AnsweredAt is null ? CdrDisposition.NoAnswer : CdrDisposition.Answered;
        await Call.EndAsync(disposition, failure ? HangupParty.System : HangupParty.Callee, null, failure ? Q850Causes.TemporaryFailure : Q850Causes.NormalClearing);
    }

    /// <summary>At the end of the call: stop dialling, hang the line up, stop watching it.</summary>
    private void EndLine()
    {
        if (line is null)
        {
            return;
        }

        GatewayLineCalls.CancelDial(ref _cancelDial);
        if (_lineHandler is not null)
        {
            line.CallEnded -= _lineHandler;
        }

        if (_lineInCall)
        {
            _lineInCall = false;
            _ = lineCalls.HangUpQuietlyAsync(line);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5024, Level = LogLevel.Information, Message = "Call {CallId}: agent {AgentId} places a call")]
        public static partial void AgentCall(ILogger logger, string callId, string agentId);
    }
}
