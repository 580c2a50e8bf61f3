using Cti.Host.Cdrs;
using Cti.Host.Trunks;
using Cti.Routing.Engine;
using Cti.Sip.Stack;
using CallDirection = Cti.Host.Cdrs.CallDirection;

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
    public static async ValueTask StartAgentCallAsync(CallServices services, CallRegistry registry, SipServerContext invite, string agentId, string number, TrunkConfig trunk, string callerId)
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
        await call.BeginAgentCallAsync(number);
    }

    private async Task BeginAgentCallAsync(string number)
    {
        Log.AgentCall(_s.Logger, Id, _placingAgent!);
        _s.Events.Publish(CallEvents.Offered(Id, "outbound", Route.Trunk.Name, null, null, Route.Caller, number) with { AgentId = _placingAgent });
        await _callerInvite!.RespondAsync(CallerResponse(180, "Ringing"));
        _maxDurationTimer = _s.Time.CreateTimer(static s => ((CallSession)s!).Post(new MaxDurationSignal()), this, _s.Options.MaxCallDuration, Timeout.InfiniteTimeSpan);
        _cancelRegistration = _callerInvite.Cancelled.Register(static s => ((CallSession)s!).Post(new CallerCancelledSignal()), this);

        // Busy for the ACD while on this call; an agent who is not logged in may still call (the ACD refuses, harmlessly).
        _s.Acd.Post(new ReserveAgentForOutbound(_placingAgent!, AcdCallId, Direct: true));
        RingExternal(number, _s.Options.ManualCallRingTimeout);
        _ = RunAsync();
    }

    private bool IsAgentCall => _placingAgent is not null;

    /// <summary>An agent's own call's CDR: from the centre's number to the dialled one.</summary>
    private (string? From, string? To) AgentCallParties => (Route.Caller, Route.Did);

    /// <summary>The number did not answer: the agent's phone gets the same final status.</summary>
    private async Task OnAgentCallFailedAsync(int status)
    {
        var outcome = OutcomeOf(status);
        await _callerInvite!.RespondAsync(_callerInvite.CreateResponse(status is >= 400 and < 700 ? status : 480));
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
}
