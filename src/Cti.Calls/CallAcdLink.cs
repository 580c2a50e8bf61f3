using Cti.Cdrs;
using Cti.Calls.Legs;
using Cti.Routing.Config;
using Cti.Routing.Engine;

namespace Cti.Calls;

/// <summary>
/// One call's side of the conversation with the ACD: offers are rung as callee legs, reservations ring their agent,
/// overflow and refusals end or requeue the call, and failed callees are reported back. The call's flow decides
/// first where kinds of calls differ. Runs on the call's loop.
/// </summary>
internal sealed partial class CallAcdLink(CallSession call, AcdEngine acd, AgentContactResolver contacts, CallListeners listeners, TimeSpan transferRingTimeout, ILogger logger)
{
    public async Task OnAcdAsync(AcdOutput output)
    {
        if (await call.Attended.OnAcdAsync(output) || await call.Flow.OnAcdAsync(output))
        {
            return;
        }

        switch (output)
        {
            case OfferCall offer:
                await OfferAsync(offer);
                break;
            case StopRinging stop when stop.CallId == call.AcdCallId:
                call.Legs.Cancel(l => l.Kind == CalleeKind.AcdOffer && l.AgentId == stop.AgentId);
                break;
            case OverflowCall overflow when overflow.CallId == call.AcdCallId:
                await OnOverflowAsync(overflow);
                break;
            case CallQueued queued when queued.CallId == call.AcdCallId:
                call.Record.Queued(queued.QueueId, queued.Priority);
                break;
            case AgentReservedForOutbound reserved when reserved.CallId == call.AcdCallId:
                await RingReservedAgentAsync(reserved.AgentId);
                break;
            case CommandRejected rejected when rejected.CallId == call.AcdCallId:
                await OnAcdRejectedAsync(rejected);
                break;
        }
    }

    private async Task OfferAsync(OfferCall offer)
    {
        if (!call.IsWaiting || offer.CallId != call.AcdCallId)
        {
            acd.Post(new OfferRejected(offer.CallId, offer.AgentId));
            return;
        }

        var contact = await contacts.ResolveAsync(offer.AgentId, CancellationToken.None);
        if (contact is null)
        {
            Log.AgentUnreachable(logger, call.Id, offer.AgentId);
            acd.Post(new OfferRejected(offer.CallId, offer.AgentId));
            return;
        }

        var leg = call.CreateCalleeLeg(CalleeKind.AcdOffer, offer.AgentId, offer.AgentId, contact.Uri, contact.Uri.User ?? offer.AgentId, listeners.FromAgentListener(contact.Destination));
        call.Legs.Start(leg, offer.RingTimeout + TimeSpan.FromSeconds(5));
    }

    /// <summary>Rings an agent the ACD reserved for this call (a transfer, a dialer call's agent).</summary>
    public async Task RingReservedAgentAsync(string agentId)
    {
        if (!call.IsWaiting || !call.Flow.TakesCallees)
        {
            acd.Post(new OutboundReservationReleased(call.AcdCallId));
            return;
        }

        var contact = await contacts.ResolveAsync(agentId, CancellationToken.None);
        if (contact is null)
        {
            Log.AgentUnreachable(logger, call.Id, agentId);
            acd.Post(new OutboundReservationReleased(call.AcdCallId));
            await call.Flow.OnReservationFailedAsync();
            return;
        }

        var leg = call.CreateCalleeLeg(CalleeKind.ReservedAgent, agentId, agentId, contact.Uri, contact.Uri.User ?? agentId, listeners.FromAgentListener(contact.Destination));
        call.Legs.Start(leg, transferRingTimeout);
    }

    public async Task OnCalleeFailedAsync(CalleeLeg leg, int status, bool wasCancelled)
    {
        Log.CalleeFailed(logger, call.Id, leg.LogName, status);
        if (wasCancelled)
        {
            return;
        }

        switch (leg.Kind)
        {
            case CalleeKind.AcdOffer when leg.AcdCallId == call.AcdCallId && call.IsWaiting:
                // No answer (408/480/487) counts towards the no-answer policy; anything else is a refusal.
                acd.Post(status is 408 or 480 or 487
                    ? new OfferTimedOut(leg.AcdCallId, leg.AgentId!)
                    : new OfferRejected(leg.AcdCallId, leg.AgentId!));
                break;
            case CalleeKind.ReservedAgent:
                acd.Post(new OutboundReservationReleased(leg.AcdCallId));
                await call.Flow.OnReservationFailedAsync();
                break;
            case CalleeKind.External when call.IsWaiting:
                await call.Flow.OnExternalFailedAsync(status);
                break;
        }
    }

    private async Task OnOverflowAsync(OverflowCall overflow)
    {
        Log.Overflowed(logger, call.Id, overflow.Reason, overflow.Target);
        if (overflow.Target.Kind == OverflowKind.Queue)
        {
            call.Queue = overflow.Target.QueueId;
            return;
        }

        // No voicemail or callback service yet: the caller is released with a clear status.
        call.Legs.CancelAll();
        var disposition = overflow.Reason == OverflowReason.MaxWait ? CdrDisposition.TimedOut : CdrDisposition.Overflowed;
        await call.Caller.HangUpAsync(480, "Temporarily Unavailable", Q850Causes.NoUserResponding);
        await call.EndAsync(disposition, HangupParty.System, 480, Q850Causes.NoUserResponding);
    }

    private async Task OnAcdRejectedAsync(CommandRejected rejected)
    {
        Log.AcdRejected(logger, call.Id, rejected.Command, rejected.Reason);
        switch (rejected.Command)
        {
            case nameof(CallArrived) when call.IsWaiting && call.Legs.Count == 0:
                await call.Caller.HangUpAsync(480, "Temporarily Unavailable", Q850Causes.NoUserResponding);
                await call.EndAsync(CdrDisposition.Failed, HangupParty.System, 480, Q850Causes.NoUserResponding);
                break;
            case nameof(OfferAnswered) when call.Connected is { Kind: CalleeKind.AcdOffer } leg && leg.AgentId == rejected.AgentId:
                // The ACD took the offer back (ring timeout) just as the agent answered: put the caller back on hold
                // music; the ACD offers the call again.
                call.Sender.SendBye(leg.Dialog!, Q850Causes.NormalClearing);
                call.DetachCallee();
                break;
            case nameof(ReserveAgentForOutbound):
                await call.Flow.OnReservationFailedAsync();
                break;
        }
    }

    /// <summary>Tells the ACD a connected leg is over (the agent goes to wrap-up).</summary>
    public void LegEnded(CalleeLeg leg, bool callerHungUp)
    {
        switch (leg.Kind)
        {
            case CalleeKind.AcdOffer:
                acd.Post(callerHungUp ? new CallerHungUp(leg.AcdCallId) : new CallEnded(leg.AcdCallId));
                break;
            case CalleeKind.ReservedAgent:
                acd.Post(new CallEnded(leg.AcdCallId));
                break;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Call {CallId}: agent {AgentId} has no registered or static contact; offer refused")]
        public static partial void AgentUnreachable(ILogger logger, string callId, string agentId);

        [LoggerMessage(EventId = 5009, Level = LogLevel.Information, Message = "Call {CallId}: {Target} answered {Status}")]
        public static partial void CalleeFailed(ILogger logger, string callId, string target, int status);

        [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Call {CallId} overflowed ({Reason}) to {Target}")]
        public static partial void Overflowed(ILogger logger, string callId, OverflowReason reason, OverflowTarget target);

        [LoggerMessage(EventId = 5011, Level = LogLevel.Warning, Message = "Call {CallId}: the ACD refused {Command} ({Reason})")]
        public static partial void AcdRejected(ILogger logger, string callId, string command, Cti.Routing.Agents.RejectionReason reason);
    }
}
