using System.Globalization;
using Cti.Cdrs;
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
    private static readonly string AllowHeader = string.Join(", ", CallController.InDialogMethods.Prepend(SipMethods.Cancel).Prepend(SipMethods.Ack).Prepend(SipMethods.Invite).Distinct());

    private ulong _calleeSdpVersion;

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
                foreach (var leg in _offers.Values.Where(l => l.Kind == CalleeKind.AcdOffer && l.AgentId == stop.AgentId).ToArray())
                {
                    CancelOffer(leg);
                }

                break;
            case OverflowCall overflow when overflow.CallId == AcdCallId:
                await OnOverflowAsync(overflow);
                break;
            case CallQueued queued when queued.CallId == AcdCallId:
                QueuedAt ??= _s.Time.GetUtcNow();
                _queue = queued.QueueId;
                _s.Events.Publish(CallEvents.Queued(Id, queued.QueueId, queued.Priority));
                break;
            case AgentReservedForOutbound reserved when reserved.CallId == AcdCallId && Direction == Cti.Cdrs.CallDirection.Outbound && !_callerAnswered:
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

    private CalleeLeg CreateCalleeLeg(CalleeKind kind, string? agentId, string target, SipUri requestUri, string toUser, SipEndPoint destination)
    {
        var codec = _callerNegotiation.Codec!;
        var offer = new SdpMediaOptions
        {
            Address = _s.MediaAddress,
            RtpPort = _relay.LegB.LocalRtpEndPoint.Port,
            Codecs = [codec],
            TelephoneEvents = _callerNegotiation.TelephoneEventPayloadType is not null,
            SessionId = _callerMedia.SessionId,
            SessionVersion = ++_calleeSdpVersion,
        };
        var invite = new SipRequest(SipMethods.Invite, requestUri.Clone());
        var fromUri = new SipUri("sip", _s.Listeners.Domain) { User = Route.Caller?.Length > 0 ? Route.Caller : "anonymous" };
        var from = new SipNameAddr(fromUri, Route.CallerName) { Tag = SipDialog.NewTag() };
        var toHost = kind == CalleeKind.External ? requestUri.Host : _s.Listeners.Domain;
        invite.Headers.Add(SipHeaderNames.From, from.ToString());
        invite.Headers.Add(SipHeaderNames.To, new SipNameAddr(new SipUri("sip", toHost) { User = toUser }).ToString());
        invite.Headers.Add(SipHeaderNames.CallId, SipDialog.NewCallId());
        invite.Headers.Add(SipHeaderNames.CSeq, "1 " + SipMethods.Invite);
        invite.Headers.Add(SipHeaderNames.Contact, CallListeners.Contact("cti", destination.Local!, destination.Transport));
        invite.Headers.Add(SipHeaderNames.Allow, AllowHeader);
        invite.Headers.Add(CallController.CallIdHeader, Id);
        if (_queue is not null)
        {
            invite.Headers.Add(CallController.QueueHeader, _queue);
        }

        AttachSdp(invite, SdpNegotiator.CreateOffer(offer));
        return new CalleeLeg
        {
            Token = NextToken(),
            Kind = kind,
            AgentId = agentId,
            Target = target,
            AcdCallId = AcdCallId,
            Invite = invite,
            Destination = destination,
            StartedAt = _s.Time.GetUtcNow(),
            Offer = offer,
        };
    }

    private void StartInvite(CalleeLeg leg, TimeSpan guard)
    {
        _offers[leg.Token] = leg;

        // Mapped while the INVITE is in flight so that a request the callee sends the moment it answers finds this
        // call even when it overtakes the 2xx on its way through the loop (see EarlyRequests).
        _registry.MapDialog(leg.Invite.CallId!, leg.LocalTag, this, leg.Kind == CalleeKind.Customer ? CallLegSide.Caller : CallLegSide.Callee);
        OfferedAt ??= _s.Time.GetUtcNow();
        var token = leg.Token;
        var sending = _s.Stack.SendRequestAsync(leg.Invite, leg.Destination, r => Post(new CalleeProvisionalSignal(token, r)), CancellationToken.None);
        _ = sending.ContinueWith(
            (t, state) =>
            {
                var (call, invite, key) = ((CallSession, SipRequest, string))state!;
                var response = t.IsCompletedSuccessfully ? t.Result : SipResponseFactory.Create(invite, 503, "Service Unavailable");
                call.Post(new CalleeFinalSignal(key, response));
            },
            (this, leg.Invite, token),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        // The ACD's ring timer (or the transfer timeout) cancels a ringing leg; this guard only catches a device
        // that neither answers nor lets itself be cancelled.
        leg.GuardTimer = _s.Time.CreateTimer(
            static s =>
            {
                var (call, key) = ((CallSession, string))s!;
                call.Post(new CalleeGuardSignal(key));
            },
            (this, token),
            guard,
            Timeout.InfiniteTimeSpan);
        _s.Events.Publish(CallEvents.Ringing(Id, _queue, leg.AgentId, leg.Target));
        Log.Ringing(_s.Logger, Id, leg.Kind, leg.AgentId ?? "external");
    }

    private void CancelOffer(CalleeLeg leg)
    {
        if (leg.CancelRequested || leg.Dialog is not null)
        {
            return;
        }

        leg.CancelRequested = true;
        var invite = leg.Invite;
        var cancel = new SipRequest(SipMethods.Cancel, invite.RequestUri.Clone());
        cancel.Headers.Add(SipHeaderNames.Via, invite.TopVia!.ToString());
        foreach (var route in invite.Headers.GetAll(SipHeaderNames.Route))
        {
            cancel.Headers.Add(SipHeaderNames.Route, route);
        }

        cancel.Headers.Add(SipHeaderNames.MaxForwards, "70");
        cancel.Headers.Add(SipHeaderNames.From, invite.Headers.Get(SipHeaderNames.From)!);
        cancel.Headers.Add(SipHeaderNames.To, invite.Headers.Get(SipHeaderNames.To)!);
        cancel.Headers.Add(SipHeaderNames.CallId, invite.CallId!);
        cancel.Headers.Add(SipHeaderNames.CSeq, invite.CSeq!.Number.ToString(CultureInfo.InvariantCulture) + " " + SipMethods.Cancel);
        _ = SendQuietlyAsync(cancel, leg.Destination);

        // A UAS that never answers the INVITE after CANCEL: give up on it after 64*T1 (RFC 3261 §9.1).
        leg.GuardTimer?.Change(TimeSpan.FromSeconds(32), Timeout.InfiniteTimeSpan);
    }

    private void CancelAllOffers()
    {
        foreach (var leg in _offers.Values.ToArray())
        {
            CancelOffer(leg);
        }
    }

    private Task OnCalleeGuardAsync(CalleeGuardSignal signal)
    {
        if (_offers.TryGetValue(signal.Token, out var customer) && customer.Kind == CalleeKind.Customer && !customer.CancelRequested)
        {
            OnCustomerRingTimeout(customer);
            return Task.CompletedTask;
        }

        if (_offers.Remove(signal.Token, out var leg) && leg.Dialog is null)
        {
            // Treated as a final 408: the leg is dropped (a CANCEL goes out if none has yet).
            Log.CalleeGaveNoAnswer(_s.Logger, Id, leg.AgentId ?? "external");
            _registry.UnmapDialog(leg.Invite.CallId!, leg.LocalTag);
            var alreadyCancelled = leg.CancelRequested;
            CancelOffer(leg);
            return FailThenAnswerEarlyRequestsAsync(leg, alreadyCancelled);
        }

        return Task.CompletedTask;
    }

    private async Task FailThenAnswerEarlyRequestsAsync(CalleeLeg leg, bool alreadyCancelled)
    {
        try
        {
            await OnCalleeFailedAsync(leg, 408, alreadyCancelled);
        }
        finally
        {
            await AnswerEarlyRequestsAsync(leg);
        }
    }

    /// <summary>Answers the requests that arrived before the leg's final response, now that its dialog is known.</summary>
    private async Task AnswerEarlyRequestsAsync(CalleeLeg leg)
    {
        foreach (var early in leg.EarlyRequests)
        {
            early.Deferred = false;
            try
            {
                await OnInDialogAsync(early);
            }
            finally
            {
                early.Handled.TrySetResult();
            }
        }

        leg.EarlyRequests.Clear();
    }

    private Task OnCalleeProvisionalAsync(CalleeProvisionalSignal signal)
    {
        if (_offers.TryGetValue(signal.Token, out var leg))
        {
            leg.Ringing = true;
        }

        return Task.CompletedTask;
    }

    private async Task OnCalleeFinalAsync(CalleeFinalSignal signal)
    {
        if (!_offers.Remove(signal.Token, out var leg))
        {
            return;
        }

        if (!signal.Response.IsSuccess)
        {
            _registry.UnmapDialog(leg.Invite.CallId!, leg.LocalTag);
        }

        try
        {
            await OnCalleeFinalAsync(leg, signal.Response);
        }
        finally
        {
            await AnswerEarlyRequestsAsync(leg);
        }
    }

    private async Task OnCalleeFinalAsync(CalleeLeg leg, SipResponse response)
    {
        leg.GuardTimer?.Dispose();
        if (leg.Kind == CalleeKind.Customer)
        {
            await OnCustomerFinalAsync(leg, response);
            return;
        }

        if (!response.IsSuccess)
        {
            await OnCalleeFailedAsync(leg, response.StatusCode, leg.CancelRequested);
            return;
        }

        var dialog = SipDialog.CreateAsUac(leg.Invite, response, leg.Destination, leg.Invite.Headers.Get(SipHeaderNames.Contact)!);
        leg.Dialog = dialog;
        _answeredLegs[dialog.CallId] = leg;

        // Mapped before the ACK goes out: the agent may send a REFER or re-INVITE the moment it has the ACK, and those
        // must find this call (they wait in its mailbox until this signal is done).
        _registry.MapDialog(dialog.CallId, dialog.LocalTag, this, CallLegSide.Callee);
        await SendAckAsync(dialog, leg.Invite.CSeq!.Number, leg.Destination);
        if (_phase != CallPhase.Waiting || leg.CancelRequested || _abandoning)
        {
            // Answered after we gave up on it (caller gone, someone else answered, timed out): hang it up again.
            _registry.UnmapDialog(dialog.CallId, dialog.LocalTag);
            SendBye(dialog, Q850Causes.NormalClearing);
            if (leg.Kind == CalleeKind.ReservedAgent && !leg.CancelRequested)
            {
                _s.Acd.Post(new OutboundReservationReleased(leg.AcdCallId));
            }

            return;
        }

        var answer = ReadAnswer(response, leg.Offer);
        if (answer is null)
        {
            Log.CalleeBadAnswer(_s.Logger, Id, leg.AgentId ?? "external");
            _registry.UnmapDialog(dialog.CallId, dialog.LocalTag);
            SendBye(dialog, Q850Causes.IncompatibleDestination);
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
        CancelAllOffers();
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
        Log.Connected(_s.Logger, Id, leg.AgentId ?? "external");
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
        Log.CalleeFailed(_s.Logger, Id, leg.AgentId ?? "external", status);
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
        CancelAllOffers();
        var disposition = overflow.Reason == OverflowReason.MaxWait ? CdrDisposition.TimedOut : CdrDisposition.Overflowed;
        await ReleaseCallerAsync(480, "Temporarily Unavailable", Q850Causes.NoUserResponding);
        await EndAsync(disposition, HangupParty.System, 480, Q850Causes.NoUserResponding);
    }

    private async Task OnAcdRejectedAsync(CommandRejected rejected)
    {
        Log.AcdRejected(_s.Logger, Id, rejected.Command, rejected.Reason);
        switch (rejected.Command)
        {
            case nameof(CallArrived) when _phase == CallPhase.Waiting && _offers.Count == 0:
                await ReleaseCallerAsync(480, "Temporarily Unavailable", Q850Causes.NoUserResponding);
                await EndAsync(CdrDisposition.Failed, HangupParty.System, 480, Q850Causes.NoUserResponding);
                break;
            case nameof(OfferAnswered) when _connected is { Kind: CalleeKind.AcdOffer } leg && leg.AgentId == rejected.AgentId:
                // The ACD took the offer back (ring timeout) just as the agent answered: put the caller back on hold
                // music; the ACD offers the call again.
                SendBye(leg.Dialog!, Q850Causes.NormalClearing);
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
    private async Task ReleaseCallerAsync(int status, string reason, int q850)
    {
        if (_gateway is not null)
        {
            ReleaseGatewayCaller(q850);
            return;
        }

        if (_callerAnswered && _callerDialog is not null)
        {
            SendBye(_callerDialog, q850);
        }
        else if (_callerInvite is not null)
        {
            await _callerInvite.RespondAsync(_callerInvite.CreateResponse(status, reason));
        }
        else
        {
            CancelCustomer();
        }
    }

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

    private static SdpNegotiationResult? ReadAnswer(SipMessage response, SdpMediaOptions offer)
    {
        if (response.Body.IsEmpty || !IsSdp(response.ContentType) || !SdpParser.TryParse(response.Body.Span, out var sdp, out _))
        {
            return null;
        }

        var result = SdpNegotiator.ReadAnswer(sdp, offer);
        return result.Success ? result : null;
    }

    private async Task SendAckAsync(SipDialog dialog, uint inviteCSeq, SipEndPoint destination)
    {
        try
        {
            await _s.Stack.SendAckAsync(dialog.CreateAck(inviteCSeq), destination);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or System.Net.Sockets.SocketException)
        {
            Log.SendFailed(_s.Logger, Id, SipMethods.Ack, ex);
        }
    }

    private void SendBye(SipDialog dialog, int q850)
    {
        var bye = dialog.CreateRequest(SipMethods.Bye);
        bye.Headers.Add(SipHeaderNames.Reason, "Q.850;cause=" + q850.ToString(CultureInfo.InvariantCulture));
        _ = SendQuietlyAsync(bye, dialog.Flow);
    }

    private async Task SendQuietlyAsync(SipRequest request, SipEndPoint destination)
    {
        try
        {
            await _s.Stack.SendRequestAsync(request, destination);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            Log.SendFailed(_s.Logger, Id, request.Method, ex);
        }
    }

    private async Task OnRetransmitted2xxAsync(Retransmitted2xxSignal signal)
    {
        if (signal.Response.CallId is { } callId && _answeredLegs.TryGetValue(callId, out var leg) && leg.Dialog is { } dialog && signal.Response.CSeq is { } cseq)
        {
            await SendAckAsync(dialog, cseq.Number, leg.Destination);
        }
    }
}
