using System.Globalization;
using Cti.Cdrs;
using Cti.Host.Calls.Legs;
using Cti.Media.Recording;
using Cti.Media.Relay;
using Cti.Routing.Config;
using Cti.Routing.Engine;
using Cti.Sip.Dialogs;
using Cti.Sip.Messages;
using Cti.Sip.Sdp;
using Cti.Sip.Transport;

namespace Cti.Host.Calls;

internal sealed partial class CallSession
{
    private async Task OnAcdAsync(AcdOutput output)
    {
        switch (output)
        {
            case AgentReservedForOutbound or CommandRejected when IsAgentCall:
                // The reservation that keeps a calling agent busy: nothing to ring, and a refusal changes nothing.
                break;
            case OfferCall offer:
                await OfferAsync(offer);
                break;
            case StopRinging stop when stop.CallId == AcdCallId:
                _legs.Cancel(l => l.Kind == CalleeKind.AcdOffer && l.AgentId == stop.AgentId);

                break;
            case OverflowCall overflow when overflow.CallId == AcdCallId:
                await OnOverflowAsync(overflow);
                break;
            case CallQueued queued when queued.CallId == AcdCallId:
                QueuedAt ??= _s.Time.GetUtcNow();
                _queue = queued.QueueId;
                _s.Events.Publish(CallEvents.Queued(Id, queued.QueueId, queued.Priority));
                break;
            case AgentReservedForOutbound reserved when reserved.CallId == AcdCallId && Direction == Cti.Cdrs.CallDirection.Outbound && !_caller.Answered:
                // A preview or callback agent, held until the customer answers.
                _reservedAgent = reserved.AgentId;
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
        StartInvite(leg, guard: offer.RingTimeout + TimeSpan.FromSeconds(5));
    }

    private async Task RingReservedAgentAsync(string agentId)
    {
        if (_phase != CallPhase.Waiting || _abandoning)
        {
            _s.Acd.Post(new OutboundReservationReleased(AcdCallId));
            return;
        }

        var contact = await _s.Contacts.ResolveAsync(agentId, CancellationToken.None);
        if (contact is null)
        {
            Log.AgentUnreachable(_s.Logger, Id, agentId);
            _s.Acd.Post(new OutboundReservationReleased(AcdCallId));
            await AfterReservedAgentFailedAsync();
            return;
        }

        var leg = CreateCalleeLeg(CalleeKind.ReservedAgent, agentId, agentId, contact.Uri, contact.Uri.User ?? agentId, _s.Listeners.FromAgentListener(contact.Destination));
        StartInvite(leg, guard: _s.Options.TransferRingTimeout);
    }

    private void RingExternal(string number, TimeSpan? ringTimeout = null)
    {
        var trunk = Route.Trunk;
        if (trunk.Peers.Count == 0)
        {
            // A gateway call has no trunk to ring an outside number through.
            RequeueAfterFailedTransfer();
            return;
        }

        var peer = trunk.Peers[0];
        var uri = new SipUri("sip", peer.Remote.Address.ToString()) { User = number, Port = peer.Remote.Port };
        var leg = CreateCalleeLeg(CalleeKind.External, agentId: null, number, uri, number, _s.Listeners.From(trunk.Profile, peer));
        StartInvite(leg, guard: ringTimeout ?? _s.Options.TransferRingTimeout);
    }

    private CalleeLeg CreateCalleeLeg(CalleeKind kind, string? agentId, string target, SipUri requestUri, string toUser, SipEndPoint destination) =>
        _legs.CreateCallee(kind, agentId, target, requestUri, toUser, destination, _caller, Route.Caller, Route.CallerName, _queue);

    private void StartInvite(CalleeLeg leg, TimeSpan guard) => _legs.Start(leg, guard);

    /// <summary>Every INVITE the call sends: the first one dates the offer, and listeners see it ring.</summary>
    private void OnInviteStarted(CalleeLeg leg)
    {
        OfferedAt ??= _s.Time.GetUtcNow();
        _s.Events.Publish(CallEvents.Ringing(Id, _queue, leg.AgentId, leg.Target));
        Log.Ringing(_s.Logger, Id, leg.Kind, leg.LogName);
    }

    private Task OnCalleeGuardAsync(CalleeGuardSignal signal)
    {
        if (_legs.TryGet(signal.Token, out var customer) && customer.Kind == CalleeKind.Customer && !customer.CancelRequested)
        {
            OnCustomerRingTimeout(customer);
            return Task.CompletedTask;
        }

        if (_legs.Remove(signal.Token, out var leg) && leg.Dialog is null)
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
        if (_legs.TryGet(signal.Token, out var leg))
        {
            leg.Ringing = true;
        }

        return Task.CompletedTask;
    }

    private async Task OnCalleeFinalAsync(CalleeFinalSignal signal)
    {
        if (!_legs.Remove(signal.Token, out var leg))
        {
            return;
        }

        leg.GuardTimer?.Dispose();
        var response = signal.Response;
        if (leg.Kind == CalleeKind.Customer)
        {
            _caller.PendingDone();
            await OnCustomerFinalAsync(leg, response);
            return;
        }

        if (!response.IsSuccess)
        {
            await OnCalleeFailedAsync(leg, response.StatusCode, leg.CancelRequested);
            return;
        }

        var dialog = leg.AcceptDialog(response);
        _legs.Answered(leg);

        // Mapped before the ACK goes out: the agent may send a REFER or re-INVITE the moment it has the ACK, and those
        // must find this call (they wait in its mailbox until this signal is done).
        _registry.MapDialog(dialog.CallId, dialog.LocalTag, this, CallLegSide.Callee);
        await _sender.SendAckAsync(dialog, leg.Invite.CSeq!.Number, leg.Destination);
        if (_phase != CallPhase.Waiting || leg.CancelRequested || _abandoning)
        {
            // Answered after we gave up on it (caller gone, someone else answered, timed out): hang it up again.
            _registry.UnmapDialog(dialog.CallId, dialog.LocalTag);
            _sender.SendBye(dialog, Q850Causes.NormalClearing);
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
            _sender.SendBye(dialog, Q850Causes.IncompatibleDestination);
            await OnCalleeFailedAsync(leg, 488, wasCancelled: false);
            return;
        }

        await ConnectAsync(leg, answer);
    }

    private async Task ConnectAsync(CalleeLeg leg, SdpNegotiationResult answer)
    {
        _relay.LegB.SetRemote(answer.RemoteRtp, answer.RemoteRtcp);
        _relay.LegB.TelephoneEventPayloadType = answer.TelephoneEventPayloadType ?? -1;
        _welcomeTimer?.Dispose();
        _abandonTimer?.Dispose();
        _huntTimer?.Dispose();
        _relay.StopPlayback(RtpRelayLegId.A);
        _connected = leg;
        _phase = CallPhase.Connected;
        _registry.ReleaseAgentClaims(Id);
        _calleeHeld = false;
        _legs.CancelAll();
        switch (leg.Kind)
        {
            case CalleeKind.AcdOffer:
                _acdWaiting = false;
                _s.Acd.Post(new OfferAnswered(leg.AcdCallId, leg.AgentId!));
                break;
            case CalleeKind.ReservedAgent:
                _s.Acd.Post(new OutboundCallConnected(leg.AcdCallId));
                break;
            case CalleeKind.External when IsAgentCall:
                _s.Acd.Post(new OutboundCallConnected(AcdCallId));
                break;
        }

        var now = _s.Time.GetUtcNow();
        RingSeconds += (now - leg.StartedAt).TotalSeconds;
        ReportOutcome(Cti.Dialer.Campaigns.CallOutcome.AnsweredLive, 200);
        if (!await AnswerCallerAsync())
        {
            // The caller's CANCEL won the race; its signal is already queued and will hang up this leg.
            return;
        }

        AnsweredAt ??= now;
        if (leg.AgentId is not null)
        {
            _lastAgent = leg.AgentId;
        }

        StartRecording();
        var wait = (now - (QueuedAt ?? StartedAt)).TotalSeconds;
        _s.Events.Publish(CallEvents.Answered(Id, _queue, leg.AgentId, Math.Max(0, wait)));
        Log.Connected(_s.Logger, Id, leg.LogName);
    }

    private void StartRecording()
    {
        if (_recorder is not null || !_s.Recording.Enabled)
        {
            return;
        }

        try
        {
            _recorder = CallRecorder.Create(_s.Recording, Id, _s.Time);
            _relay.AttachRecorder(_recorder);
        }
        catch (IOException ex)
        {
            Log.RecordingFailed(_s.Logger, Id, ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            Log.RecordingFailed(_s.Logger, Id, ex);
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
                await AfterReservedAgentFailedAsync();
                break;
            case CalleeKind.External when IsAgentCall && _phase == CallPhase.Waiting:
                await OnAgentCallFailedAsync(status);
                break;
            case CalleeKind.External when _phase == CallPhase.Waiting:
                RequeueAfterFailedTransfer();
                break;
        }

        await Task.CompletedTask;
    }

    private async Task OnOverflowAsync(OverflowCall overflow)
    {
        if (overflow.Target.Kind == OverflowKind.Queue)
        {
            _queue = overflow.Target.QueueId;
            Log.Overflowed(_s.Logger, Id, overflow.Reason, overflow.Target);
            return;
        }

        // No voicemail or callback service yet: the caller is released with a clear status.
        Log.Overflowed(_s.Logger, Id, overflow.Reason, overflow.Target);
        _legs.CancelAll();
        var disposition = overflow.Reason == OverflowReason.MaxWait ? CdrDisposition.TimedOut : CdrDisposition.Overflowed;
        await ReleaseCallerAsync(480, "Temporarily Unavailable", Q850Causes.NoUserResponding);
        await EndAsync(disposition, HangupParty.System, 480, Q850Causes.NoUserResponding);
    }

    private async Task OnAcdRejectedAsync(CommandRejected rejected)
    {
        Log.AcdRejected(_s.Logger, Id, rejected.Command, rejected.Reason);
        switch (rejected.Command)
        {
            case nameof(CallArrived) when _phase == CallPhase.Waiting && _legs.Count == 0:
                await ReleaseCallerAsync(480, "Temporarily Unavailable", Q850Causes.NoUserResponding);
                await EndAsync(CdrDisposition.Failed, HangupParty.System, 480, Q850Causes.NoUserResponding);
                break;
            case nameof(OfferAnswered) when _connected is { Kind: CalleeKind.AcdOffer } leg && leg.AgentId == rejected.AgentId:
                // The ACD took the offer back (ring timeout) just as the agent answered: put the caller back on hold
                // music; the ACD offers the call again.
                _sender.SendBye(leg.Dialog!, Q850Causes.NormalClearing);
                DetachCallee();
                break;
            case nameof(ReserveAgentForOutbound) when Direction == Cti.Cdrs.CallDirection.Outbound:
                await HuntAgentAsync();
                break;
            case nameof(ReserveAgentForOutbound):
                RequeueAfterFailedTransfer();
                break;
        }
    }

    /// <summary>An agent reserved for this call could not take it: next agent (outbound) or back to the queue.</summary>
    private async Task AfterReservedAgentFailedAsync()
    {
        if (Direction == Cti.Cdrs.CallDirection.Outbound)
        {
            await HuntAgentAsync();
        }
        else
        {
            RequeueAfterFailedTransfer();
        }
    }

    /// <summary>Releases the caller: a final error while unanswered, BYE once answered.</summary>
    private Task ReleaseCallerAsync(int status, string reason, int q850) => _caller.HangUpAsync(status, reason, q850);

    /// <summary>Back to waiting: the callee leg is gone, the caller hears music and leg B points nowhere.</summary>
    private void DetachCallee()
    {
        if (_connected?.Dialog is { } dialog)
        {
            _registry.UnmapDialog(dialog.CallId, dialog.LocalTag);
        }

        _connected = null;
        _phase = CallPhase.Waiting;
        _relay.LegB.SetRemote(null);
        PlayMusic();
    }

    private async Task OnRetransmitted2xxAsync(Retransmitted2xxSignal signal)
    {
        if (_legs.AnsweredLeg(signal.Response.CallId) is { } leg && leg.Dialog is { } dialog && signal.Response.CSeq is { } cseq)
        {
            await _sender.SendAckAsync(dialog, cseq.Number, leg.Destination);
        }
    }
}
