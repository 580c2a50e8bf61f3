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
        var dialog = signal.Side == CallLegSide.Caller ? _caller.Dialog : DialogOf(request);
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
                await OnReferAsync(context, dialog);
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
        if (_connected?.Dialog is { } connected && connected.Matches(request))
        {
            return connected;
        }

        return _legs.AnsweredLeg(request.CallId) is { Dialog: { } dialog } && dialog.Matches(request) ? dialog : null;
    }

    private async Task OnByeAsync(CallLegSide side, SipDialog dialog, SipRequest bye)
    {
        var q850 = Q850Causes.FromReasonHeader(bye.Headers.Get(SipHeaderNames.Reason)) ?? Q850Causes.NormalClearing;
        if (side == CallLegSide.Caller)
        {
            Log.HungUp(_s.Logger, Id, "caller");
            _legs.CancelAll();
            ReleaseCalleeAsCallerLeaves(q850);

            var disposition = AnsweredAt is not null ? CdrDisposition.Answered : IsAgentCall ? CdrDisposition.NoAnswer : CdrDisposition.Abandoned;

            // On a dialer call the "caller" leg is the customer we rang (the callee); on an agent's own call, the agent.
            var party = IsAgentCall ? HangupParty.Agent : Direction == Cti.Cdrs.CallDirection.Outbound ? HangupParty.Callee : HangupParty.Caller;
            await EndAsync(disposition, party, 200, q850);
            return;
        }

        if (_connected?.Dialog != dialog)
        {
            // A leg we already left (transferred away, lost race): nothing else to end.
            _registry.UnmapDialog(dialog.CallId, dialog.LocalTag);
            return;
        }

        var callee = _connected!;
        Log.HungUp(_s.Logger, Id, callee.Kind == CalleeKind.External ? "transfer target" : "agent");
        await _caller.ByeAsync(q850);

        TellAcdLegEnded(callee, callerHungUp: false);
        await EndAsync(CdrDisposition.Answered, callee.Kind == CalleeKind.External ? HangupParty.Callee : HangupParty.Agent, 200, q850);
    }

    /// <summary>Tells the ACD a connected leg is over (the agent goes to wrap-up).</summary>
    private void TellAcdLegEnded(CalleeLeg leg, bool callerHungUp)
    {
        switch (leg.Kind)
        {
            case CalleeKind.AcdOffer:
                _s.Acd.Post(callerHungUp ? new CallerHungUp(leg.AcdCallId) : new CallEnded(leg.AcdCallId));
                break;
            case CalleeKind.ReservedAgent:
                _s.Acd.Post(new CallEnded(leg.AcdCallId));
                break;
        }
    }

    /// <summary>
    /// Hold and resume: answered locally (media stays anchored), passed on to the other party with the same direction,
    /// and when the agent holds the caller hears music.
    /// </summary>
    private async Task OnReInviteAsync(SipServerContext context, CallLegSide side, SipDialog dialog)
    {
        var request = context.Request;
        var isCaller = side == CallLegSide.Caller;
        var options = isCaller ? _caller.NextMedia(SdpDirection.SendRecv) : _connected?.NextMedia(SdpDirection.SendRecv);
        if (options is null)
        {
            await context.RespondAsync(context.CreateResponse(481, "Call/Transaction Does Not Exist"));
            return;
        }

        SdpSessionDescription answer;
        var direction = SdpDirection.SendRecv;
        if (!request.Body.IsEmpty && SdpBodies.IsSdp(request.ContentType) && SdpParser.TryParse(request.Body.Span, out var offer, out _))
        {
            var result = SdpNegotiator.Answer(offer, options);
            if (!result.Success)
            {
                await context.RespondAsync(context.CreateResponse(488, "Not Acceptable Here"));
                return;
            }

            var leg = isCaller ? _relay.LegA : _relay.LegB;
            leg.SetRemote(result.RemoteRtp, result.RemoteRtcp);
            direction = result.RemoteDirection;
            answer = result.Answer!;
        }
        else
        {
            // No offer (a session refresh): offer what we have; the ACK carries the answer, which changes nothing here.
            answer = SdpNegotiator.CreateOffer(options);
        }

        var ok = context.CreateResponse(200, "OK");
        ok.Headers.Add(SipHeaderNames.Contact, dialog.LocalContact);
        SdpBodies.Attach(ok, answer);
        await context.RespondAsync(ok);

        var holding = direction is SdpDirection.SendOnly or SdpDirection.Inactive;
        var wasHeld = isCaller ? _callerHeld : _calleeHeld;
        if (holding == wasHeld)
        {
            return;
        }

        if (isCaller)
        {
            _callerHeld = holding;
        }
        else
        {
            _calleeHeld = holding;
        }

        ForwardHold(isCaller, holding ? direction : SdpDirection.SendRecv);
        var agent = _connected?.AgentId;
        var now = _s.Time.GetUtcNow();
        if (holding)
        {
            _holdStartedAt ??= now;
            _s.Events.Publish(CallEvents.Held(Id, _queue, agent, isCaller ? "caller" : "agent"));
        }
        else
        {
            if (!_callerHeld && !_calleeHeld && _holdStartedAt is { } since)
            {
                _holdSeconds += (now - since).TotalSeconds;
                _holdStartedAt = null;
            }

            _s.Events.Publish(CallEvents.Resumed(Id, _queue, agent, isCaller ? "caller" : "agent"));
        }

        if (!isCaller)
        {
            if (holding)
            {
                PlayMusic();
            }
            else
            {
                _relay.StopPlayback(RtpRelayLegId.A);
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
        ICallLeg? other = fromCaller ? _connected : _caller;
        if (other?.Dialog is not { } target || other.NextMedia(direction) is not { } options)
        {
            return;
        }

        var reinvite = target.CreateRequest(SipMethods.Invite);
        SdpBodies.Attach(reinvite, SdpNegotiator.CreateOffer(options));
        var side = fromCaller ? CallLegSide.Callee : CallLegSide.Caller;
        var cseq = target.LocalCSeq;
        _ = SendInDialogAsync(reinvite, target.Flow, side, cseq);
    }

    private async Task SendInDialogAsync(SipRequest request, Cti.Sip.Transport.SipEndPoint destination, CallLegSide side, uint cseq)
    {
        if (await _sender.SendInDialogAsync(request, destination) is { } response)
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

        var dialog = signal.Side == CallLegSide.Caller ? _caller.Dialog : _connected?.Dialog;
        if (dialog is not null)
        {
            await _sender.SendAckAsync(dialog, signal.CSeq, dialog.Flow);
        }
    }

    /// <summary>
    /// Blind transfer (RFC 3515): 202, NOTIFY 100, then the agent is released (NOTIFY 200, BYE, wrap-up) and the
    /// caller, on music, goes to the target: a queue (queued again), an agent (reserved in the ACD and rung) or an
    /// outside number (rung through the caller's trunk). A failed agent or number puts the caller back in the queue.
    /// </summary>
    private async Task OnReferAsync(SipServerContext context, SipDialog dialog)
    {
        var request = context.Request;
        if (_connected is not { } leg || leg.Dialog != dialog || request.Headers.Get(SipHeaderNames.ReferTo) is not { } referTo ||
            !TryReadReferTarget(referTo, out var target))
        {
            await context.RespondAsync(context.CreateResponse(400, "Missing or invalid Refer-To"));
            return;
        }

        var kind = ClassifyTransfer(target, out var resolved);
        var accepted = context.CreateResponse(202, "Accepted");
        accepted.Headers.Add(SipHeaderNames.Contact, dialog.LocalContact);
        await context.RespondAsync(accepted);
        SendReferNotify(dialog, "SIP/2.0 100 Trying", terminated: false);

        var now = _s.Time.GetUtcNow();
        _transfers.Add(new CdrTransferStep(now, leg.AgentId, resolved, kind));
        _s.Events.Publish(CallEvents.Transferred(Id, _queue, leg.AgentId, resolved, kind));
        _s.Metrics.Transferred(kind);
        Log.Transferring(_s.Logger, Id, kind);

        // Blind transfer: the transferor is done as soon as the transfer is accepted.
        SendReferNotify(dialog, "SIP/2.0 200 OK", terminated: true);
        _sender.SendBye(dialog, Q850Causes.NormalClearing);
        TellAcdLegEnded(leg, callerHungUp: false);
        if (_holdStartedAt is { } since)
        {
            _holdSeconds += (now - since).TotalSeconds;
            _holdStartedAt = null;
        }

        _callerHeld = false;
        _calleeHeld = false;
        DetachCallee();
        switch (kind)
        {
            case TransferKinds.Queue:
                Requeue(resolved);
                break;
            case TransferKinds.Agent:
                NewAcdSegment();
                _s.Acd.Post(new ReserveAgentForOutbound(resolved, AcdCallId, Direct: true));
                break;
            default:
                RingExternal(resolved);
                break;
        }
    }

    private string ClassifyTransfer(string target, out string resolved)
    {
        var routing = _s.Routing.Current;
        if (routing.Queues.Any(q => q.Id == target))
        {
            resolved = target;
            return TransferKinds.Queue;
        }

        var agent = routing.Agents.FirstOrDefault(a => a.Id == target || a.Extensions.Contains(target));
        if (agent is not null)
        {
            resolved = agent.Id;
            return TransferKinds.Agent;
        }

        resolved = Route.Trunk.Numbers.ToE164(target) ?? target;
        return TransferKinds.External;
    }

    private static bool TryReadReferTarget(string referTo, out string target)
    {
        target = string.Empty;
        SipUri? uri = null;
        if (SipNameAddr.TryParse(referTo, out var nameAddr))
        {
            uri = nameAddr.Uri;
        }
        else if (SipUri.TryParse(referTo.Trim(), out var bare))
        {
            uri = bare;
        }

        var user = uri?.User;
        if (string.IsNullOrEmpty(user) || user.Length > 64 || !user.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '_' or '.'))
        {
            return false;
        }

        target = user;
        return true;
    }

    private void SendReferNotify(SipDialog dialog, string sipFrag, bool terminated)
    {
        var notify = dialog.CreateRequest(SipMethods.Notify);
        notify.Headers.Add(SipHeaderNames.Event, "refer");
        notify.Headers.Add(SipHeaderNames.SubscriptionState, terminated ? "terminated;reason=noresource" : "active;expires=60");
        notify.Headers.Add(SipHeaderNames.ContentType, "message/sipfrag;version=2.0");
        notify.Body = Encoding.ASCII.GetBytes(sipFrag + "\r\n");
        _ = _sender.SendQuietlyAsync(notify, dialog.Flow);
    }

    private void RequeueAfterFailedTransfer()
    {
        if (_phase != CallPhase.Waiting)
        {
            return;
        }

        Log.TransferFailed(_s.Logger, Id);
        Requeue(_queue ?? Route.Queue);
    }

    private void Requeue(string queue)
    {
        NewAcdSegment();
        _queue = queue;
        _acdWaiting = true;
        _s.Acd.Post(new CallArrived(AcdCallId, queue, Route.Caller));
    }

    /// <summary>A fresh ACD call id: the ACD forgot the previous one when its agent leg ended.</summary>
    private void NewAcdSegment()
    {
        AcdCallId = Id + "/" + (++_segment).ToString(CultureInfo.InvariantCulture);
        _acdCallIds.Add(AcdCallId);
        _registry.MapAcdId(AcdCallId, this);
        _acdWaiting = false;
    }
}
