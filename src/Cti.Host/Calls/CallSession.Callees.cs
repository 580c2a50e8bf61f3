using Cti.Cdrs;
using Cti.Gateways.Lines;
using Cti.Host.Calls.Legs;
using Cti.Media.Relay;
using Cti.Routing.Config;
using Cti.Routing.Engine;
using Cti.Sip.Dialogs;
using Cti.Sip.Messages;
using Cti.Sip.Sdp;
using Cti.Sip.Transport;

namespace Cti.Host.Calls;

/// <summary>The ACD's decisions and the callee legs they ring, up to the bridge.</summary>
internal sealed partial class CallSession
{
    private async Task OnAcdAsync(AcdOutput output)
    {
        if (await _flow.OnAcdAsync(output))
        {
            return;
        }

        switch (output)
        {
            case OfferCall offer:
                await OfferAsync(offer);
                break;
            case StopRinging stop when stop.CallId == AcdCallId:
                Legs.Cancel(l => l.Kind == CalleeKind.AcdOffer && l.AgentId == stop.AgentId);
                break;
            case OverflowCall overflow when overflow.CallId == AcdCallId:
                await OnOverflowAsync(overflow);
                break;
            case CallQueued queued when queued.CallId == AcdCallId:
                Record.Queued(queued.QueueId, queued.Priority);
                break;
            case AgentReservedForOutbound reserved when reserved.CallId == AcdCallId:
                await RingReservedAgentAsync(reserved.AgentId);
                break;
            case CommandRejected rejected when rejected.CallId == AcdCallId:
                await OnAcdRejectedAsync(rejected);
                break;
        }
    }

    private async Task OfferAsync(OfferCall offer)
    {
        if (_phase != CallPhase.Waiting || offer.CallId != AcdCallId)
        {
            _s.Acd.Post(new OfferRejected(offer.CallId, offer.AgentId));
            return;
        }

        var contact = await _s.Contacts.ResolveAsync(offer.AgentId, CancellationToken.None);
        if (contact is null)
        {
            Log.AgentUnreachable(_s.Logger, Id, offer.AgentId);
            _s.Acd.Post(new OfferRejected(offer.CallId, offer.AgentId));
            return;
        }

        var leg = CreateCalleeLeg(CalleeKind.AcdOffer, offer.AgentId, offer.AgentId, contact.Uri, contact.Uri.User ?? offer.AgentId, _s.Listeners.FromAgentListener(contact.Destination));
        Legs.Start(leg, offer.RingTimeout + TimeSpan.FromSeconds(5));
    }

    /// <summary>Rings an agent the ACD reserved for this call (a transfer, a dialer call's agent).</summary>
    public async Task RingReservedAgentAsync(string agentId)
    {
        if (_phase != CallPhase.Waiting || !_flow.TakesCallees)
        {
            _s.Acd.Post(new OutboundReservationReleased(AcdCallId));
            return;
        }

        var contact = await _s.Contacts.ResolveAsync(agentId, CancellationToken.None);
        if (contact is null)
        {
            Log.AgentUnreachable(_s.Logger, Id, agentId);
            _s.Acd.Post(new OutboundReservationReleased(AcdCallId));
            await _flow.OnReservationFailedAsync();
            return;
        }

        var leg = CreateCalleeLeg(CalleeKind.ReservedAgent, agentId, agentId, contact.Uri, contact.Uri.User ?? agentId, _s.Listeners.FromAgentListener(contact.Destination));
        Legs.Start(leg, _s.Options.TransferRingTimeout);
    }

    /// <summary>An INVITE offering relay leg B with the caller's codec, from the caller's number.</summary>
    public CalleeLeg CreateCalleeLeg(CalleeKind kind, string? agentId, string target, SipUri requestUri, string toUser, SipEndPoint destination) =>
        Legs.CreateCallee(kind, agentId, target, requestUri, toUser, destination, Caller, Route.Caller, Route.CallerName, Queue);

    private Task OnCalleeGuardAsync(CalleeGuardSignal signal)
    {
        if (Legs.TryGet(signal.Token, out var customer) && customer.Kind == CalleeKind.Customer && !customer.CancelRequested)
        {
            _flow.OnCallerInviteTimeout(customer);
            return Task.CompletedTask;
        }

        if (Legs.Remove(signal.Token, out var leg) && leg.Dialog is null)
        {
            // Treated as a final 408: the leg is dropped (a CANCEL goes out if none has yet).
            Log.CalleeGaveNoAnswer(_s.Logger, Id, leg.LogName);
            var alreadyCancelled = leg.CancelRequested;
            leg.Cancel();
            return OnCalleeFailedAsync(leg, 408, alreadyCancelled);
        }

        return Task.CompletedTask;
    }

    private Task OnCalleeProvisionalAsync(CalleeProvisionalSignal signal)
    {
        if (Legs.TryGet(signal.Token, out var leg))
        {
            leg.Ringing = true;
        }

        return Task.CompletedTask;
    }

    private async Task OnCalleeFinalAsync(CalleeFinalSignal signal)
    {
        if (!Legs.Remove(signal.Token, out var leg))
        {
            return;
        }

        leg.GuardTimer?.Dispose();
        var response = signal.Response;
        if (leg.Kind == CalleeKind.Customer)
        {
            Caller.PendingDone();
            await _flow.OnCallerInviteFinalAsync(leg, response);
            return;
        }

        if (!response.IsSuccess)
        {
            await OnCalleeFailedAsync(leg, response.StatusCode, leg.CancelRequested);
            return;
        }

        var dialog = leg.AcceptDialog(response);
        Legs.Answered(leg);

        // Mapped before the ACK goes out: the agent may send a REFER or re-INVITE the moment it has the ACK, and those
        // must find this call (they wait in its mailbox until this signal is done).
        _registry.MapDialog(dialog.CallId, dialog.LocalTag, this, CallLegSide.Callee);
        await Sender.SendAckAsync(dialog, leg.Invite.CSeq!.Number, leg.Destination);
        if (_phase != CallPhase.Waiting || leg.CancelRequested || !_flow.TakesCallees)
        {
            // Answered after we gave up on it (caller gone, someone else answered, timed out): hang it up again.
            _registry.UnmapDialog(dialog.CallId, dialog.LocalTag);
            Sender.SendBye(dialog, Q850Causes.NormalClearing);
            if (leg.Kind == CalleeKind.ReservedAgent && !leg.CancelRequested)
            {
                _s.Acd.Post(new OutboundReservationReleased(leg.AcdCallId));
            }

            return;
        }

        var answer = SdpBodies.ReadAnswer(response, leg.Offer);
        if (answer is null)
        {
            Log.CalleeBadAnswer(_s.Logger, Id, leg.LogName);
            _registry.UnmapDialog(dialog.CallId, dialog.LocalTag);
            Sender.SendBye(dialog, Q850Causes.IncompatibleDestination);
            await OnCalleeFailedAsync(leg, 488, wasCancelled: false);
            return;
        }

        await ConnectAsync(leg, answer);
    }

    private async Task ConnectAsync(CalleeLeg leg, SdpNegotiationResult answer)
    {
        Relay.LegB.SetRemote(answer.RemoteRtp, answer.RemoteRtcp);
        Relay.LegB.TelephoneEventPayloadType = answer.TelephoneEventPayloadType ?? -1;
        _welcomeTimer?.Dispose();
        Relay.StopPlayback(RtpRelayLegId.A);
        Connected = leg;
        _phase = CallPhase.Connected;
        _registry.ReleaseAgentClaims(Id);
        Record.CalleeHoldCleared();
        Legs.CancelAll();
        switch (leg.Kind)
        {
            case CalleeKind.AcdOffer:
                AcdWaiting = false;
                _s.Acd.Post(new OfferAnswered(leg.AcdCallId, leg.AgentId!));
                break;
            case CalleeKind.ReservedAgent:
                _s.Acd.Post(new OutboundCallConnected(leg.AcdCallId));
                break;
        }

        var now = Record.CalleeAnswered(leg.StartedAt);
        _flow.OnConnected(leg);
        if (!await AnswerCallerAsync())
        {
            // The caller's CANCEL won the race; its signal is already queued and will hang up this leg.
            return;
        }

        Record.Answered(now, leg.AgentId);
        Log.Connected(_s.Logger, Id, leg.LogName);
    }

    /// <summary>Answers the caller side if it is not yet; false when the caller has gone (the call then ends or is ending).</summary>
    private async Task<bool> AnswerCallerAsync()
    {
        switch (await Caller.AnswerAsync())
        {
            case CallerAnswer.Answered:
                return true;
            case CallerAnswer.Left:
                await CallerLeftAsync(failure: false);
                return false;
            case CallerAnswer.Failed:
                ReleaseCalleeAsCallerFails();
                await EndAsync(CdrDisposition.Failed, HangupParty.System, null, Q850Causes.TemporaryFailure);
                return false;
            default:
                return false;
        }
    }

    private async Task OnCalleeFailedAsync(CalleeLeg leg, int status, bool wasCancelled)
    {
        Log.CalleeFailed(_s.Logger, Id, leg.LogName, status);
        if (wasCancelled)
        {
            return;
        }

        switch (leg.Kind)
        {
            case CalleeKind.AcdOffer when leg.AcdCallId == AcdCallId && _phase == CallPhase.Waiting:
                // No answer (408/480/487) counts towards the no-answer policy; anything else is a refusal.
                _s.Acd.Post(status is 408 or 480 or 487
                    ? new OfferTimedOut(leg.AcdCallId, leg.AgentId!)
                    : new OfferRejected(leg.AcdCallId, leg.AgentId!));
                break;
            case CalleeKind.ReservedAgent:
                _s.Acd.Post(new OutboundReservationReleased(leg.AcdCallId));
                await _flow.OnReservationFailedAsync();
                break;
            case CalleeKind.External when _phase == CallPhase.Waiting:
                await _flow.OnExternalFailedAsync(status);
                break;
        }
    }

    private async Task OnOverflowAsync(OverflowCall overflow)
    {
        Log.Overflowed(_s.Logger, Id, overflow.Reason, overflow.Target);
        if (overflow.Target.Kind == OverflowKind.Queue)
        {
            Queue = overflow.Target.QueueId;
            return;
        }

        // No voicemail or callback service yet: the caller is released with a clear status.
        Legs.CancelAll();
        var disposition = overflow.Reason == OverflowReason.MaxWait ? CdrDisposition.TimedOut : CdrDisposition.Overflowed;
        await Caller.HangUpAsync(480, "Temporarily Unavailable", Q850Causes.NoUserResponding);
        await EndAsync(disposition, HangupParty.System, 480, Q850Causes.NoUserResponding);
    }

    private async Task OnAcdRejectedAsync(CommandRejected rejected)
    {
        Log.AcdRejected(_s.Logger, Id, rejected.Command, rejected.Reason);
        switch (rejected.Command)
        {
            case nameof(CallArrived) when _phase == CallPhase.Waiting && Legs.Count == 0:
                await Caller.HangUpAsync(480, "Temporarily Unavailable", Q850Causes.NoUserResponding);
                await EndAsync(CdrDisposition.Failed, HangupParty.System, 480, Q850Causes.NoUserResponding);
                break;
            case nameof(OfferAnswered) when Connected is { Kind: CalleeKind.AcdOffer } leg && leg.AgentId == rejected.AgentId:
                // The ACD took the offer back (ring timeout) just as the agent answered: put the caller back on hold
                // music; the ACD offers the call again.
                Sender.SendBye(leg.Dialog!, Q850Causes.NormalClearing);
                DetachCallee();
                break;
            case nameof(ReserveAgentForOutbound):
                await _flow.OnReservationFailedAsync();
                break;
        }
    }

    /// <summary>Back to waiting: the callee leg is gone, the caller hears music and leg B points nowhere.</summary>
    public void DetachCallee()
    {
        if (Connected?.Dialog is { } dialog)
        {
            _registry.UnmapDialog(dialog.CallId, dialog.LocalTag);
        }

        Connected = null;
        _phase = CallPhase.Waiting;
        Relay.LegB.SetRemote(null);
        PlayMusic();
    }

    /// <summary>Takes the 2xx of the caller side's own INVITE (a dialled customer, a line's audio).</summary>
    public async Task<(SdpNegotiationResult? Answer, bool Usable)> AcceptCallerAnswerAsync(CalleeLeg leg, SipResponse response)
    {
        // Mapped before the ACK goes out, so a BYE right after it finds this call.
        var result = await Caller.AcceptAnswerAsync(leg, response, _phase == CallPhase.Ended, dialog => _registry.MapDialog(dialog.CallId, dialog.LocalTag, this, CallLegSide.Caller));
        Legs.Answered(leg);
        return result;
    }

    /// <summary>Points relay leg A at a caller side that answered our INVITE, and counts it answered.</summary>
    public void BridgeCaller(SdpNegotiationResult answer)
    {
        Relay.LegA.SetRemote(answer.RemoteRtp, answer.RemoteRtcp);
        Relay.LegA.PayloadType = answer.Codec!.PayloadType;
        Relay.LegA.TelephoneEventPayloadType = answer.TelephoneEventPayloadType ?? -1;
        Relay.LegB.PayloadType = answer.Codec.PayloadType;
        Caller.MarkAnswered();
    }

    /// <summary>
    /// The final response of a line's audio endpoint: relay leg A points at it, or, refused, the line cannot be heard
    /// and the connected agent is released (the flow then ends the call). Null when refused or the call has ended.
    /// </summary>
    public async Task<SdpNegotiationResult?> AcceptLineAudioAsync(GatewayCallerLeg line, CalleeLeg leg, SipResponse response)
    {
        SdpNegotiationResult? answer = null;
        if (response.IsSuccess)
        {
            var (accepted, usable) = await AcceptCallerAnswerAsync(leg, response);
            answer = usable ? accepted : null;
        }

        if (_phase == CallPhase.Ended)
        {
            return null;
        }

        if (answer is null)
        {
            line.LogAudioFailed(response.StatusCode);
            Legs.CancelAll();
            ReleaseCalleeAsCallerFails();
            return null;
        }

        Relay.LegA.SetRemote(answer.RemoteRtp, answer.RemoteRtcp);
        Relay.LegA.PayloadType = answer.Codec!.PayloadType;
        Relay.LegA.TelephoneEventPayloadType = answer.TelephoneEventPayloadType ?? -1;
        return answer;
    }

    /// <summary>The line's call ended first (the far end hung up, or the line failed): the call ends with it.</summary>
    public async Task OnLineEndedAsync(GatewayCallerLeg line, GatewayLineEndedSignal signal)
    {
        if (_phase == CallPhase.Ended || !line.TakeLineEnd(signal))
        {
            return;
        }

        var failure = signal.Reason == GatewayCallEndReason.LineFailure;
        if (line.Inbound && !Caller.Answered)
        {
            await CallerLeftAsync(failure);
            return;
        }

        var q850 = failure ? Q850Causes.TemporaryFailure : Q850Causes.NormalClearing;
        Legs.CancelAll();
        ReleaseCalleeAsCallerLeaves(q850);
        if (Caller.Dialog is { } audio)
        {
            Sender.SendBye(audio, q850);
        }

        var disposition = failure ? CdrDisposition.NetworkFailure : AnsweredAt is null ? CdrDisposition.Abandoned : CdrDisposition.Answered;
        await EndAsync(disposition, failure ? HangupParty.System : _flow.CallerParty, null, q850);
    }

    private async Task OnRetransmitted2xxAsync(Retransmitted2xxSignal signal)
    {
        if (Legs.AnsweredLeg(signal.Response.CallId) is { } leg && leg.Dialog is { } dialog && signal.Response.CSeq is { } cseq)
        {
            await Sender.SendAckAsync(dialog, cseq.Number, leg.Destination);
        }
    }
}
