using Cti.Cdrs;
using Cti.Calls.Legs;
using Cti.Media.Relay;
using Cti.Routing.Engine;
using Cti.Sip.Dialogs;
using Cti.Sip.Messages;
using Cti.Sip.Sdp;
using Cti.Sip.Stack;

namespace Cti.Calls;

/// <summary>
/// Requests inside one call's dialogs, whichever legs it has: BYE ends the call, a re-INVITE is answered locally and
/// its hold passed on, REFER goes to the transfer flow, the rest is acknowledged. Runs on the call's loop.
/// </summary>
internal sealed partial class CallDialogRequests(CallSession call, AcdEngine acd, ILogger logger)
{
    public async Task OnRequestAsync(InDialogSignal signal)
    {
        var context = signal.Context;
        var request = context.Request;
        var dialog = signal.Side == CallLegSide.Caller ? call.Caller.Dialog : DialogOf(request);
        if (dialog is null && PendingLegOf(request) is { } pending)
        {
            // The callee answered and spoke at once: wait for its 2xx to be handled here, then answer.
            signal.Deferred = true;
            pending.EarlyRequests.Add(signal);
            return;
        }

        if (call.HasEnded || dialog is null)
        {
            await context.RespondAsync(context.CreateResponse(481, "Call/Transaction Does Not Exist"));
            return;
        }

        if (!dialog.AcceptRemoteRequest(request))
        {
            await context.RespondAsync(context.CreateResponse(500, "CSeq out of order"));
            return;
        }

        if (call.Parties.Owns(dialog))
        {
            await OnThirdPartyRequestAsync(context, request, dialog);
            return;
        }

        switch (request.Method)
        {
            case SipMethods.Bye:
                await context.RespondAsync(context.CreateResponse(200, "OK"));
                await OnByeAsync(signal.Side, dialog, request);
                break;
            case SipMethods.Invite:
                await OnReInviteAsync(context, signal.Side, dialog);
                break;
            case SipMethods.Refer when signal.Side == CallLegSide.Callee:
                await call.Transfer.OnReferAsync(context, dialog);
                break;
            case SipMethods.Refer:
                await context.RespondAsync(context.CreateResponse(403, "Callers cannot transfer"));
                break;
            default:
                // INFO (DTMF), NOTIFY, OPTIONS inside the dialog: acknowledged, nothing to relay.
                await context.RespondAsync(context.CreateResponse(200, "OK"));
                break;
        }
    }

    /// <summary>
    /// A third party's phone (supervisor, conference member, consult target): BYE ends that party (never the call); a
    /// re-INVITE cannot move the mixer's stream and is refused; INFO and the rest are acknowledged.
    /// </summary>
    private async Task OnThirdPartyRequestAsync(SipServerContext context, SipRequest request, SipDialog dialog)
    {
        switch (request.Method)
        {
            case SipMethods.Bye:
                await context.RespondAsync(context.CreateResponse(200, "OK"));
                await call.Parties.OnByeAsync(dialog);
                break;
            case SipMethods.Invite:
                await context.RespondAsync(context.CreateResponse(488, "Not Acceptable Here"));
                break;
            case SipMethods.Refer:
                await context.RespondAsync(context.CreateResponse(403, "Third parties cannot transfer"));
                break;
            default:
                await context.RespondAsync(context.CreateResponse(200, "OK"));
                break;
        }
    }

    /// <summary>Answers the requests that arrived before the leg's final response, now that its dialog is known.</summary>
    public async Task AnswerEarlyRequestsAsync(CalleeLeg leg)
    {
        foreach (var early in leg.EarlyRequests)
        {
            early.Deferred = false;
            try
            {
                await OnRequestAsync(early);
            }
            finally
            {
                early.Handled.TrySetResult();
            }
        }

        leg.EarlyRequests.Clear();
    }

    private CalleeLeg? PendingLegOf(SipRequest request)
    {
        foreach (var leg in call.Legs.Ringing)
        {
            if (leg.Dialog is null && leg.Invite.CallId == request.CallId && leg.LocalTag == request.To?.Tag)
            {
                return leg;
            }
        }

        return null;
    }

    private SipDialog? DialogOf(SipRequest request)
    {
        if (call.Connected?.Dialog is { } connected && connected.Matches(request))
        {
            return connected;
        }

        return call.Legs.AnsweredLeg(request.CallId) is { Dialog: { } dialog } && dialog.Matches(request) ? dialog : null;
    }

    private async Task OnByeAsync(CallLegSide side, SipDialog dialog, SipRequest bye)
    {
        var q850 = Q850Causes.FromReasonHeader(bye.Headers.Get(SipHeaderNames.Reason)) ?? Q850Causes.NormalClearing;
        if (side == CallLegSide.Caller)
        {
            Log.HungUp(logger, call.Id, "caller");
            call.Legs.CancelAll();
            call.ReleaseCalleeAsCallerLeaves(q850);

            // The flow says who the caller side is: a caller, a dialled customer (callee), a calling agent.
            await call.EndAsync(call.AnsweredAt is not null ? CdrDisposition.Answered : call.Flow.CallerLeftUnanswered, call.Flow.CallerParty, 200, q850);
            return;
        }

        if (call.Connected?.Dialog != dialog)
        {
            // A leg we already left (transferred away, lost race): nothing else to end.
            call.UnmapDialog(dialog);
            return;
        }

        if (await call.Attended.OnAgentByeAsync())
        {
            // The agent left a consultation the target had answered: the customer is the target's now.
            return;
        }

        var callee = call.Connected!;
        Log.HungUp(logger, call.Id, callee.Kind == CalleeKind.External ? "transfer target" : "agent");
        await call.Caller.ByeAsync(q850);

        call.AcdLink.LegEnded(callee, callerHungUp: false);
        await call.EndAsync(CdrDisposition.Answered, callee.Kind == CalleeKind.External ? HangupParty.Callee : HangupParty.Agent, 200, q850);
    }

    /// <summary>
    /// Hold and resume: answered locally (media stays anchored), passed on to the other party with the same direction,
    /// and when the agent holds the caller hears music.
    /// </summary>
    private async Task OnReInviteAsync(SipServerContext context, CallLegSide side, SipDialog dialog)
    {
        var isCaller = side == CallLegSide.Caller;
        if (await ReInvites.AnswerAsync(context, isCaller ? call.Caller : call.Connected, dialog, isCaller ? call.Relay.LegA : call.Relay.LegB) is not { } direction)
        {
            return;
        }

        var holding = direction is SdpDirection.SendOnly or SdpDirection.Inactive;
        if (!isCaller)
        {
            CalleeHolds(holding, direction);
        }
        else if (call.Record.Hold(byCaller: true, holding, call.Connected?.AgentId))
        {
            ForwardHold(fromCaller: true, holding ? direction : SdpDirection.SendRecv);
        }
    }

    /// <summary>
    /// The connected callee puts the caller on hold or takes them off it, from its phone (a re-INVITE with
    /// <paramref name="direction"/>) or from the agent desk: the caller is told and hears music meanwhile, and the
    /// ACD sees the agent holding. Without <paramref name="tellCaller"/> the caller only hears the music (no re-INVITE,
    /// as for music on hold in most PBXs). False when nothing changed.
    /// </summary>
    public bool CalleeHolds(bool holding, SdpDirection direction = SdpDirection.SendOnly, bool tellCaller = true)
    {
        var agent = call.Connected?.AgentId;
        if (!call.Record.Hold(byCaller: false, holding, agent))
        {
            return false;
        }

        if (tellCaller)
        {
            ForwardHold(fromCaller: false, holding ? direction : SdpDirection.SendRecv);
        }

        if (holding)
        {
            call.PlayMusic();
        }
        else
        {
            call.Relay.StopPlayback(RtpRelayLegId.A);
        }

        if (agent is not null)
        {
            acd.Post(new AgentStateRequest(agent, holding ? Cti.Routing.Agents.AgentRequestKind.Hold : Cti.Routing.Agents.AgentRequestKind.Unhold));
        }

        return true;
    }

    /// <summary>Tells the connected callee that the desk put the call on hold (inactive) or resumed it.</summary>
    public void TellCallee(bool holding) => ForwardHold(fromCaller: true, holding ? SdpDirection.Inactive : SdpDirection.SendRecv);

    /// <summary>Sends the other party a re-INVITE with the holder's direction (sendonly: the relay plays to it).</summary>
    private void ForwardHold(bool fromCaller, SdpDirection direction)
    {
        // A callee not connected, or a gateway caller whose audio is not up yet: nothing to tell.
        if (ReInvites.Offer(fromCaller ? call.Connected : call.Caller, direction) is not var (reinvite, target))
        {
            return;
        }

        var side = fromCaller ? CallLegSide.Callee : CallLegSide.Caller;
        _ = SendInDialogAsync(reinvite, target.Flow, side, target.LocalCSeq);
    }

    private async Task SendInDialogAsync(SipRequest request, Cti.Sip.Transport.SipEndPoint destination, CallLegSide side, uint cseq)
    {
        if (await call.Sender.SendInDialogAsync(request, destination) is { } response)
        {
            call.Post(new InDialogResponseSignal(side, request.Method, cseq, response));
        }
    }

    public async Task OnResponseAsync(InDialogResponseSignal signal)
    {
        if (signal.Method != SipMethods.Invite || !signal.Response.IsSuccess)
        {
            return;
        }

        var dialog = signal.Side == CallLegSide.Caller ? call.Caller.Dialog : call.Connected?.Dialog;
        if (dialog is not null)
        {
            await call.Sender.SendAckAsync(dialog, signal.CSeq, dialog.Flow);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5013, Level = LogLevel.Information, Message = "Call {CallId}: the {Party} hung up")]
        public static partial void HungUp(ILogger logger, string callId, string party);
    }
}
