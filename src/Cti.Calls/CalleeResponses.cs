using Cti.Calls.Legs;
using Cti.Routing.Engine;
using Cti.Sip.Messages;

namespace Cti.Calls;

/// <summary>
/// What comes back for the INVITEs one call sends: provisional and final responses, guard timeouts and retransmitted
/// 2xx. A caller side's own INVITE goes to the flow; a callee's answer is acknowledged and bridged, or hung up again
/// when it came too late. Runs on the call's loop.
/// </summary>
internal sealed partial class CalleeResponses(CallSession call, CallDialogRequests dialogs, AcdEngine acd, ILogger logger)
{
    public Task OnGuardAsync(CalleeGuardSignal signal)
    {
        if (call.Legs.TryGet(signal.Token, out var supervisor) && call.Parties.Owns(supervisor))
        {
            call.Legs.Remove(signal.Token, out _);
            call.UnmapDialog(supervisor.Invite.CallId!, supervisor.LocalTag);
            return call.Parties.OnGuardAsync(supervisor);
        }

        if (call.Legs.TryGet(signal.Token, out var customer) && customer.Kind == CalleeKind.Customer && !customer.CancelRequested)
        {
            call.Flow.OnCallerInviteTimeout(customer);
            return Task.CompletedTask;
        }

        if (call.Legs.Remove(signal.Token, out var leg) && leg.Dialog is null)
        {
            // Treated as a final 408: the leg is dropped (a CANCEL goes out if none has yet).
            Log.CalleeGaveNoAnswer(logger, call.Id, leg.LogName);
            call.UnmapDialog(leg.Invite.CallId!, leg.LocalTag);
            var alreadyCancelled = leg.CancelRequested;
            leg.Cancel();
            return FailThenAnswerEarlyRequestsAsync(leg, alreadyCancelled);
        }

        return Task.CompletedTask;
    }

    private async Task FailThenAnswerEarlyRequestsAsync(CalleeLeg leg, bool alreadyCancelled)
    {
        try
        {
            await call.AcdLink.OnCalleeFailedAsync(leg, 408, alreadyCancelled);
        }
        finally
        {
            await dialogs.AnswerEarlyRequestsAsync(leg);
        }
    }

    public Task OnProvisionalAsync(CalleeProvisionalSignal signal)
    {
        if (call.Legs.TryGet(signal.Token, out var leg))
        {
            leg.Ringing = true;
        }

        return Task.CompletedTask;
    }

    public async Task OnFinalAsync(CalleeFinalSignal signal)
    {
        if (!call.Legs.Remove(signal.Token, out var leg))
        {
            return;
        }

        if (!signal.Response.IsSuccess)
        {
            call.UnmapDialog(leg.Invite.CallId!, leg.LocalTag);
        }

        try
        {
            await OnFinalAsync(leg, signal.Response);
        }
        finally
        {
            await dialogs.AnswerEarlyRequestsAsync(leg);
        }
    }

    private async Task OnFinalAsync(CalleeLeg leg, SipResponse response)
    {
        leg.GuardTimer?.Dispose();
        if (leg.Kind == CalleeKind.Supervisor)
        {
            await OnSupervisorFinalAsync(leg, response);
            return;
        }

        if (leg.Kind == CalleeKind.Customer)
        {
            call.Caller.PendingDone();
            await call.Flow.OnCallerInviteFinalAsync(leg, response);
            return;
        }

        if (!response.IsSuccess)
        {
            await call.AcdLink.OnCalleeFailedAsync(leg, response.StatusCode, leg.CancelRequested);
            return;
        }

        var dialog = leg.AcceptDialog(response);
        call.Legs.Answered(leg);

        // Mapped before the ACK goes out: the agent may send a REFER or re-INVITE the moment it has the ACK, and those
        // must find this call (they wait in its mailbox until this signal is done).
        call.MapDialog(dialog, CallLegSide.Callee);
        await call.Sender.SendAckAsync(dialog, leg.Invite.CSeq!.Number, leg.Destination);
        if (!call.IsWaiting || leg.CancelRequested || !call.Flow.TakesCallees)
        {
            // Answered after we gave up on it (caller gone, someone else answered, timed out): hang it up again.
            call.UnmapDialog(dialog);
            call.Sender.SendBye(dialog, Q850Causes.NormalClearing);
            if (leg.Kind == CalleeKind.ReservedAgent && !leg.CancelRequested)
            {
                acd.Post(new OutboundReservationReleased(leg.AcdCallId));
            }

            return;
        }

        var answer = SdpBodies.ReadAnswer(response, leg.Offer);
        if (answer is null)
        {
            Log.CalleeBadAnswer(logger, call.Id, leg.LogName);
            call.UnmapDialog(dialog);
            call.Sender.SendBye(dialog, Q850Causes.IncompatibleDestination);
            await call.AcdLink.OnCalleeFailedAsync(leg, 488, wasCancelled: false);
            return;
        }

        await call.ConnectAsync(leg, answer);
    }

    /// <summary>The supervisor's phone answered or failed; a late answer to monitoring already over is hung up.</summary>
    private async Task OnSupervisorFinalAsync(CalleeLeg leg, SipResponse response)
    {
        if (call.Parties.Owns(leg))
        {
            await call.Parties.OnFinalAsync(leg, response);
            return;
        }

        if (response.IsSuccess)
        {
            var dialog = leg.AcceptDialog(response);
            await call.Sender.SendAckAsync(dialog, leg.Invite.CSeq!.Number, leg.Destination);
            call.UnmapDialog(dialog);
            call.Sender.SendBye(dialog, Q850Causes.NormalClearing);
        }
    }

    public async Task OnRetransmitted2xxAsync(Retransmitted2xxSignal signal)
    {
        if (call.Legs.AnsweredLeg(signal.Response.CallId) is { } leg && leg.Dialog is { } dialog && signal.Response.CSeq is { } cseq)
        {
            await call.Sender.SendAckAsync(dialog, cseq.Number, leg.Destination);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Call {CallId}: {Target} gave no final response in time")]
        public static partial void CalleeGaveNoAnswer(ILogger logger, string callId, string target);

        [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Call {CallId}: {Target} answered without a usable SDP answer")]
        public static partial void CalleeBadAnswer(ILogger logger, string callId, string target);
    }
}
