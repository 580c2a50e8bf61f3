using System.Globalization;
using System.Text;
using Cti.Cdrs;
using Cti.Host.Calls.Legs;
using Cti.Media.Relay;
using Cti.Routing.Engine;
using Cti.Sip.Dialogs;
using Cti.Sip.Messages;
using Cti.Sip.Sdp;
using Cti.Sip.Stack;

namespace Cti.Host.Calls;

internal sealed partial class CallSession
{
    private async Task OnInDialogAsync(InDialogSignal signal)
    {
        var context = signal.Context;
        var request = context.Request;
        var dialog = signal.Side == CallLegSide.Caller ? Caller.Dialog : DialogOf(request);
        if (_phase == CallPhase.Ended || dialog is null)
        {
            await context.RespondAsync(context.CreateResponse(481, "Call/Transaction Does Not Exist"));
            return;
        }

        if (!dialog.AcceptRemoteRequest(request))
        {
            await context.RespondAsync(context.CreateResponse(500, "CSeq out of order"));
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
                await Transfer.OnReferAsync(context, dialog);
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

    private SipDialog? DialogOf(SipRequest request)
    {
        if (Connected?.Dialog is { } connected && connected.Matches(request))
        {
            return connected;
        }

        return Legs.AnsweredLeg(request.CallId) is { Dialog: { } dialog } && dialog.Matches(request) ? dialog : null;
    }

    private async Task OnByeAsync(CallLegSide side, SipDialog dialog, SipRequest bye)
    {
        var q850 = Q850Causes.FromReasonHeader(bye.Headers.Get(SipHeaderNames.Reason)) ?? Q850Causes.NormalClearing;
        if (side == CallLegSide.Caller)
        {
            Log.HungUp(_s.Logger, Id, "caller");
            Legs.CancelAll();
            ReleaseCalleeAsCallerLeaves(q850);

            // The flow says who the caller side is: a caller, a dialled customer (callee), a calling agent.
            await EndAsync(AnsweredAt is not null ? CdrDisposition.Answered : _flow.CallerLeftUnanswered, _flow.CallerParty, 200, q850);
            return;
        }

        if (Connected?.Dialog != dialog)
        {
            // A leg we already left (transferred away, lost race): nothing else to end.
            _registry.UnmapDialog(dialog.CallId, dialog.LocalTag);
            return;
        }

        var callee = Connected!;
        Log.HungUp(_s.Logger, Id, callee.Kind == CalleeKind.External ? "transfer target" : "agent");
        await Caller.ByeAsync(q850);

        TellAcdLegEnded(callee, callerHungUp: false);
        await EndAsync(CdrDisposition.Answered, callee.Kind == CalleeKind.External ? HangupParty.Callee : HangupParty.Agent, 200, q850);
    }

    /// <summary>
    /// Hold and resume: answered locally (media stays anchored), passed on to the other party with the same direction,
    /// and when the agent holds the caller hears music.
    /// </summary>
    private async Task OnReInviteAsync(SipServerContext context, CallLegSide side, SipDialog dialog)
    {
        var isCaller = side == CallLegSide.Caller;
        if (await ReInvites.AnswerAsync(context, isCaller ? Caller : Connected, dialog, isCaller ? Relay.LegA : Relay.LegB) is not { } direction)
        {
            return;
        }

        var holding = direction is SdpDirection.SendOnly or SdpDirection.Inactive;
        var agent = Connected?.AgentId;
        if (!Record.Hold(isCaller, holding, agent))
        {
            return;
        }

        ForwardHold(isCaller, holding ? direction : SdpDirection.SendRecv);
        if (!isCaller)
        {
            if (holding)
            {
                PlayMusic();
            }
            else
            {
                Relay.StopPlayback(RtpRelayLegId.A);
            }

            if (agent is not null)
            {
                _s.Acd.Post(new AgentStateRequest(agent, holding ? Cti.Routing.Agents.AgentRequestKind.Hold : Cti.Routing.Agents.AgentRequestKind.Unhold));
            }
        }
    }

    /// <summary>Sends the other party a re-INVITE with the holder's direction (sendonly: the relay plays to it).</summary>
    private void ForwardHold(bool fromCaller, SdpDirection direction)
    {
        // A callee not connected, or a gateway caller whose audio is not up yet: nothing to tell.
        if (ReInvites.Offer(fromCaller ? Connected : Caller, direction) is not var (reinvite, target))
        {
            return;
        }

        var side = fromCaller ? CallLegSide.Callee : CallLegSide.Caller;
        _ = SendInDialogAsync(reinvite, target.Flow, side, target.LocalCSeq);
    }

    private async Task SendInDialogAsync(SipRequest request, Cti.Sip.Transport.SipEndPoint destination, CallLegSide side, uint cseq)
    {
        if (await Sender.SendInDialogAsync(request, destination) is { } response)
        {
            Post(new InDialogResponseSignal(side, request.Method, cseq, response));
        }
    }

    private async Task OnInDialogResponseAsync(InDialogResponseSignal signal)
    {
        if (signal.Method != SipMethods.Invite || !signal.Response.IsSuccess)
        {
            return;
        }

        var dialog = signal.Side == CallLegSide.Caller ? Caller.Dialog : Connected?.Dialog;
        if (dialog is not null)
        {
            await Sender.SendAckAsync(dialog, signal.CSeq, dialog.Flow);
        }
    }
}
