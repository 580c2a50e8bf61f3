using Cti.Calls.Control;
using Cti.Calls.Legs;
using Cti.Calls.Parties;
using Cti.Events;
using Cti.Media.Mixing;
using Cti.Routing.Engine;

namespace Cti.Calls.Flows;

/// <summary>
/// Transfer with consultation from the agent desk: the customer is held (music), the target (an agent's phone or a
/// number) is rung as a third party on the call's mixer and talks with the agent alone; then <i>complete</i> hands
/// the customer to the target (the target's media moves onto the relay by re-INVITE, the agent is released to
/// wrap-up) or <i>cancel</i> (or the target not answering, or hanging up) brings the customer back to the agent. An
/// agent target is reserved in the ACD for the consultation, as for a blind transfer. An agent who hangs up once the
/// target has answered completes the transfer. Runs on the call's loop.
/// </summary>
internal sealed partial class AttendedTransfer(CallSession call, CallDialogRequests dialogs, AcdEngine acd, IEventPublisher events, ILogger logger)
{
    private string? _acdId;
    private string _kind = TransferKinds.External;
    private bool _resumeOnEnd;

    /// <summary>Whether a target is being consulted (ringing or talking with the agent).</summary>
    public bool InProgress => call.Parties.Consult is not null;

    public async Task<CallCommandResult> StartAsync(string target, Func<CallView> describe)
    {
        if (call.Connected is not { Dialog: not null } leg)
        {
            return CallCommandResult.Conflict(describe(), $"The call is {CallStates.Waiting}: only a connected call can be transferred.");
        }

        if (call.Flow.CallingAgent is not null)
        {
            return CallCommandResult.Conflict(describe(), "The agent placed this call: calls an agent made are not transferred from the desk.");
        }

        var kind = call.Transfer.Classify(target, out var resolved);
        if (kind == TransferKinds.Queue)
        {
            return CallCommandResult.Invalid(describe(), "An attended transfer goes to an agent or a number; use a blind transfer to put the call in a queue.");
        }

        var wasHeld = call.Record.IsHeld;
        dialogs.CalleeHolds(true, tellCaller: false);
        var result = await call.Parties.AddAsync(ThirdPartyRole.Consult, resolved, MonitoringMode.Barge, describe);
        if (result.Status != CallCommandStatus.Done)
        {
            if (!wasHeld)
            {
                dialogs.CalleeHolds(false, tellCaller: false);
            }

            return result;
        }

        _kind = kind;
        _resumeOnEnd = true;
        if (kind == TransferKinds.Agent)
        {
            _acdId = call.NewSideAcdId();
            acd.Post(new ReserveAgentForOutbound(resolved, _acdId, Direct: true));
        }

        var party = call.Parties.Consult!;
        events.Publish(CallEvents.TransferConsulting(call.Id, call.Queue, leg.AgentId, CallThirdParties.Masked(party), kind));
        Log.Consulting(logger, call.Id, kind);
        return CallCommandResult.Done(describe());
    }

    /// <summary>The target answered: an agent target is now on a call in the ACD.</summary>
    public Task OnJoinedAsync(ThirdParty party)
    {
        if (party.Role == ThirdPartyRole.Consult && _acdId is not null)
        {
            acd.Post(new OutboundCallConnected(_acdId));
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// The customer goes to the target: the agent leaves (BYE unless it already hung up, then wrap-up), the target's
    /// leg becomes the connected callee on relay leg B, and the customer is taken off hold.
    /// </summary>
    public async Task<CallCommandResult> CompleteAsync(Func<CallView> describe)
    {
        if (call.Parties.Consult is not { } consult)
        {
            return CallCommandResult.Conflict(describe(), "No attended transfer is in progress.");
        }

        if (!consult.Joined || call.Connected is not { Dialog: not null } transferor)
        {
            return CallCommandResult.Conflict(describe(), $"'{CallThirdParties.Masked(consult)}' has not answered yet: wait, or cancel the transfer.");
        }

        await CompleteCoreAsync(transferor, agentLeft: false);
        return CallCommandResult.Done(describe());
    }

    /// <summary>Hangs up on the target; the customer comes back to the agent.</summary>
    public async Task<CallCommandResult> CancelAsync(Func<CallView> describe)
    {
        if (call.Parties.Consult is not { } consult)
        {
            return CallCommandResult.Conflict(describe(), "No attended transfer is in progress.");
        }

        await call.Parties.RemoveAsync(consult, "cancelled");
        return CallCommandResult.Done(describe());
    }

    /// <summary>
    /// The agent hung up during the consultation: with the target on the line the transfer completes; while it still
    /// rings the consultation ends with the call.
    /// </summary>
    public async Task<bool> OnAgentByeAsync()
    {
        if (call.Parties.Consult is not { } consult)
        {
            return false;
        }

        if (consult.Joined && call.Connected is { } transferor)
        {
            await CompleteCoreAsync(transferor, agentLeft: true);
            return true;
        }

        _resumeOnEnd = false;
        await call.Parties.RemoveAsync(consult, "agent-left");
        return false;
    }

    /// <summary>The consult target left (not reached, hung up, cancelled, the call ended): release it and resume the customer.</summary>
    public Task OnLeftAsync(ThirdParty party, string reason)
    {
        if (party.Role != ThirdPartyRole.Consult)
        {
            return Task.CompletedTask;
        }

        if (_acdId is { } acdId)
        {
            acd.Post(party.Joined ? new CallEnded(acdId) : new OutboundReservationReleased(acdId));
            _acdId = null;
        }

        events.Publish(CallEvents.TransferCancelled(call.Id, call.Queue, call.Connected?.AgentId, CallThirdParties.Masked(party), reason));
        Log.Cancelled(logger, call.Id, reason);
        if (_resumeOnEnd && !call.HasEnded && reason != "call-ended")
        {
            dialogs.CalleeHolds(false, tellCaller: false);
        }

        _resumeOnEnd = false;
        return Task.CompletedTask;
    }

    /// <summary>The ACD's answer to the target's reservation; true when it was about the consultation.</summary>
    public async Task<bool> OnAcdAsync(AcdOutput output)
    {
        switch (output)
        {
            case AgentReservedForOutbound reserved when reserved.CallId == _acdId:
                return true;
            case CommandRejected rejected when rejected.CallId == _acdId && _acdId is not null:
                // Busy, logged out or not ready: not consulted.
                _acdId = null;
                if (call.Parties.Consult is { } consult)
                {
                    await call.Parties.RemoveAsync(consult, "agent-unavailable");
                }

                return true;
            default:
                return false;
        }
    }

    private async Task CompleteCoreAsync(CalleeLeg transferor, bool agentLeft)
    {
        var party = (await call.Parties.TakeConsultAsync())!;
        _resumeOnEnd = false;
        dialogs.CalleeHolds(false, tellCaller: false);
        if (!agentLeft)
        {
            call.Sender.SendBye(transferor.Dialog!, Q850Causes.NormalClearing);
        }

        call.AcdLink.LegEnded(transferor, callerHungUp: false);
        var offer = party.Leg.Offer with { RtpPort = call.Relay.LegB.LocalRtpEndPoint.Port };
        var target = party.Leg.Becomes(party.IsAgent ? CalleeKind.ReservedAgent : CalleeKind.External, party.IsAgent ? party.Target : null, _acdId ?? call.AcdCallId, offer);
        var now = call.Transfer.Note(transferor.AgentId, party.Target, _kind);
        call.HandOver(target, party.RemoteRtp, party.RemoteRtcp, party.TelephoneEventPayloadType, _acdId);
        _acdId = null;

        // The target's phone sends to the mixer's port until told otherwise: move it onto the relay.
        dialogs.TellCallee(false);
        call.Record.Answered(now, target.AgentId);
        Log.Completed(logger, call.Id, _kind);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5150, Level = LogLevel.Information, Message = "Call {CallId}: attended transfer to a {Kind}, consulting")]
        public static partial void Consulting(ILogger logger, string callId, string kind);

        [LoggerMessage(EventId = 5151, Level = LogLevel.Information, Message = "Call {CallId}: attended transfer to a {Kind} completed")]
        public static partial void Completed(ILogger logger, string callId, string kind);

        [LoggerMessage(EventId = 5152, Level = LogLevel.Information, Message = "Call {CallId}: attended transfer ended without completing ({Reason})")]
        public static partial void Cancelled(ILogger logger, string callId, string reason);
    }
}
