using Cti.Gateways.Hosting;
using Cti.Gateways.Lines;
using Cti.Cdrs;
using Cti.Host.Calls.Legs;
using Cti.Host.Trunks;
using Cti.Routing.Engine;
using Cti.Sip.Stack;
using CallDirection = Cti.Cdrs.CallDirection;

namespace Cti.Host.Calls;

/// <summary>
/// Calls an agent places from their phone: the agent's INVITE is the caller leg, answered 180 at once; the number is
/// rung through a trunk as the callee leg (like a transfer to an outside number), and its answer is passed back as
/// the 200. The agent is reserved in the ACD for the call, so no inbound call is offered meanwhile.
/// </summary>
internal sealed partial class CallSession
{
    private string? _placingAgent;
    private bool _placingAgentReleased;

    /// <summary>Starts an authenticated agent's call to <paramref name="number"/> (E.164) through <paramref name="trunk"/>.</summary>
    /// <remarks>With <paramref name="line"/> the number is dialled on that gateway line (AT) and its audio endpoint is the callee leg.</remarks>
    public static async ValueTask StartAgentCallAsync(CallServices services, CallRegistry registry, SipServerContext invite, string agentId, string number, TrunkConfig trunk, string callerId, IGatewayLine? line = null)
    {
        // The route's caller is what the far end sees (the centre's number); its Did slot holds the dialled number.
        var route = new TrunkInviteRoute(trunk, number, string.Empty, callerId, null);
        var call = await CreateForInviteAsync(services, registry, invite, route, CallDirection.Outbound);
        if (call is null)
        {
            return;
        }

        call._placingAgent = agentId;
        call._lastAgent = agentId;
        call._queue = null;
        call._acdWaiting = false;
        call._agentLine = line;
        await call.BeginAgentCallAsync(number);
    }

    private async Task BeginAgentCallAsync(string number)
    {
        Log.AgentCall(_s.Logger, Id, _placingAgent!);
        _s.Events.Publish(CallEvents.Offered(Id, "outbound", Route.Trunk.Name, null, null, Route.Caller, number) with { AgentId = _placingAgent });
        await ((SipCallerLeg)_caller).RingAsync(earlyMedia: false);
        ArmCallTimers();

        // Busy for the ACD while on this call; an agent who is not logged in may still call (the ACD refuses, harmlessly).
        _s.Acd.Post(new ReserveAgentForOutbound(_placingAgent!, AcdCallId, Direct: true));
        if (_agentLine is { } line)
        {
            DialAgentLine(line, number);
        }
        else
        {
            RingExternal(number, _s.Options.ManualCallRingTimeout);
        }

        _ = RunAsync();
    }

    private bool IsAgentCall => _placingAgent is not null;

    /// <summary>An agent's own call's CDR: from the centre's number to the dialled one.</summary>
    private (string? From, string? To) AgentCallParties => (Route.Caller, Route.Did);

    /// <summary>The number did not answer: the agent's phone gets the same final status.</summary>
    private async Task OnAgentCallFailedAsync(int status)
    {
        var outcome = OutcomeOf(status);
        await ((SipCallerLeg)_caller).RejectAsync(status is >= 400 and < 700 ? status : 480);
        await EndAsync(DispositionOf(outcome), HangupParty.Callee, status, Q850Causes.FromSipStatus(status));
    }

    /// <summary>Tells the ACD the agent's own call is over (wrap-up after a conversation, idle otherwise).</summary>
    private void ReleasePlacingAgent()
    {
        if (_placingAgent is null || _placingAgentReleased)
        {
            return;
        }

        _placingAgentReleased = true;
        _s.Acd.Post(_connected is not null && AnsweredAt is not null ? new CallEnded(AcdCallId) : new OutboundReservationReleased(AcdCallId));
    }

    private IGatewayLine? _agentLine;
    private EventHandler<GatewayCallEndedEventArgs>? _agentLineHandler;
    private Action? _cancelAgentDial;
    private bool _agentLineInCall;

    /// <summary>Dials on the gateway line off the loop; the result and a later end of the line call come back as signals.</summary>
    private void DialAgentLine(IGatewayLine line, string number)
    {
        _agentLineInCall = true;
        _agentLineHandler = (_, e) => Post(new AgentLineEndedSignal(e.Reason));
        line.CallEnded += _agentLineHandler;
        // The source lives as long as the dial (DialLineAsync disposes it); EndAgentLine may cancel it first.
        var cancel = new CancellationTokenSource();
        _cancelAgentDial = cancel.Cancel;
        _ = _lineCalls.DialAsync(line, number, _s.Options.ManualCallRingTimeout, cancel, static r => new AgentLineDialedSignal(r), Post);
    }

    private async Task OnAgentLineDialedAsync(AgentLineDialedSignal signal)
    {
        var line = _agentLine!;
        if (_phase == CallPhase.Ended)
        {
            return;
        }

        if (!signal.Result.IsAnswered)
        {
            _agentLineInCall = false;
            var (outcome, _, _) = GatewayDialOutcomes.Map(signal.Result);
            await OnAgentCallFailedAsync(outcome switch
            {
                Cti.Dialer.Campaigns.CallOutcome.Busy => 486,
                Cti.Dialer.Campaigns.CallOutcome.NoAnswer => 480,
                Cti.Dialer.Campaigns.CallOutcome.Invalid => 404,
                _ => 503,
            });
            return;
        }

        if (!GatewayAudioEndpoint.TryParse(line.AudioEndpoint, out var endpoint))
        {
            await OnAgentCallFailedAsync(503);
            return;
        }

        // The line is up: its audio endpoint is the callee leg, and its answer completes the agent's call.
        var leg = CreateCalleeLeg(CalleeKind.External, null, Route.Did!, endpoint.Uri, endpoint.Uri.User ?? line.Name, _s.Listeners.FromAgentListener(endpoint.Destination));
        StartInvite(leg, guard: TimeSpan.FromSeconds(10));
    }

    /// <summary>The line's call ended (the far end hung up, or the line failed): the agent's call ends with it.</summary>
    private async Task OnAgentLineEndedAsync(AgentLineEndedSignal signal)
    {
        if (_phase == CallPhase.Ended || !_agentLineInCall)
        {
            return;
        }

        _agentLineInCall = false;
        var failure = signal.Reason == GatewayCallEndReason.LineFailure;
        _legs.CancelAll();
        if (_connected?.Dialog is { } audio)
        {
            _sender.SendBye(audio, Q850Causes.NormalClearing);
        }

        await ReleaseCallerAsync(failure ? 503 : 480, failure ? "Line failure" : "Temporarily Unavailable", Q850Causes.NormalClearing);
        var disposition = failure ? CdrDisposition.NetworkFailure : AnsweredAt is null ? CdrDisposition.NoAnswer : CdrDisposition.Answered;
        await EndAsync(disposition, failure ? HangupParty.System : HangupParty.Callee, null, failure ? Q850Causes.TemporaryFailure : Q850Causes.NormalClearing);
    }

    /// <summary>At the end of an agent's call over a line: stop dialling, hang the line up, stop watching it.</summary>
    private void EndAgentLine()
    {
        if (_agentLine is not { } line)
        {
            return;
        }

        GatewayLineCalls.CancelDial(ref _cancelAgentDial);
        if (_agentLineHandler is not null)
        {
            line.CallEnded -= _agentLineHandler;
        }

        if (_agentLineInCall)
        {
            _agentLineInCall = false;
            _ = _lineCalls.HangUpQuietlyAsync(line);
        }
    }

    private Cdr WithAgentLineFields(Cdr cdr) => _agentLine is { } line ? cdr with { Trunk = null, Line = line.Name } : cdr;
}
