using Cti.Calls.Legs;
using Cti.Calls.Parties;
using Cti.Media.Mixing;
using Cti.Cdrs;
using Cti.Numbers;

namespace Cti.Calls.Control;

/// <summary>
/// Carries out third-party commands (the agent desk, a supervisor, a CRM) on the call's own loop, so a command never
/// races with the call's SIP traffic; every answer comes with the call as it is afterwards.
/// </summary>
internal sealed partial class CallCommands(CallSession call, CallDialogRequests dialogs, ILogger logger)
{
    public async Task OnCommandAsync(CallCommandSignal signal)
    {
        var command = signal.Command;
        var result = call.HasEnded && command is not DescribeCallCommand
            ? CallCommandResult.Conflict(Describe(false), "The call has ended.")
            : command switch
            {
                DescribeCallCommand d => CallCommandResult.Done(Describe(d.FullNumbers)),
                HangupCallCommand => await HangupAsync(),
                HoldCallCommand h => Hold(h.Hold),
                TransferCallCommand { Attended: true } t => await call.Attended.StartAsync(t.Target, () => Describe(false)),
                TransferCallCommand t => await TransferAsync(t.Target),
                CompleteTransferCommand => await call.Attended.CompleteAsync(() => Describe(false)),
                CancelTransferCommand => await call.Attended.CancelAsync(() => Describe(false)),
                RecordingCallCommand r => Recording(r.Pause),
                MonitorCallCommand m => await call.Parties.AddAsync(ThirdPartyRole.Supervisor, m.Supervisor, m.Mode, () => Describe(false)),
                MonitorModeCommand m => call.Parties.SetMode(m.Mode)
                    ? CallCommandResult.Done(Describe(false))
                    : CallCommandResult.Conflict(Describe(false), "No supervisor is on the call."),
                StopMonitorCommand => await EndPartiesAsync(ThirdPartyRole.Supervisor, null),
                ConferenceAddCommand c => await call.Parties.AddAsync(ThirdPartyRole.Conference, c.Party, MonitoringMode.Barge, () => Describe(false)),
                EndConferenceCommand e => await EndPartiesAsync(ThirdPartyRole.Conference, e.Party),
                _ => CallCommandResult.Invalid(Describe(false), "Unknown command."),
            };
        if (result.Status == CallCommandStatus.Done && command is not DescribeCallCommand)
        {
            Log.Command(logger, call.Id, command.Name);
        }

        signal.Result.TrySetResult(result);
    }

    /// <summary>The call as the API shows it; numbers masked unless <paramref name="fullNumbers"/>.</summary>
    public CallView Describe(bool fullNumbers)
    {
        string? Number(string? n) => fullNumbers ? n : PhoneNumberMask.Mask(n);
        var flow = call.Flow;
        var held = call.Record.IsHeld;
        var legs = new List<CallLegView>(2 + call.Legs.Count);
        if (flow.CallingAgent is { } caller)
        {
            legs.Add(new CallLegView("agent", caller, call.Caller.Answered ? Connected(held) : "calling"));
        }
        else
        {
            legs.Add(new CallLegView("caller", Number(call.Route.Caller) ?? "anonymous", call.Connected is not null ? Connected(held) : call.Caller.Answered || call.Direction == CallDirection.Inbound ? "waiting" : "ringing"));
        }

        if (call.Connected is { } connected)
        {
            legs.Add(Leg(connected, Connected(held), Number));
        }

        foreach (var party in call.Parties.All)
        {
            legs.Add(Party(party, fullNumbers));
        }

        foreach (var ringing in call.Legs.Ringing.Where(l => l.Kind is not (CalleeKind.Customer or CalleeKind.Supervisor)))
        {
            legs.Add(Leg(ringing, "ringing", Number));
        }

        var state = call.HasEnded ? CallStates.Ended : call.Connected is null ? CallStates.Waiting : held ? CallStates.Held : CallStates.Connected;
        return new CallView(
            call.Id,
            CdrWire.Name(call.Direction),
            state,
            call.Queue,
            call.Connected?.AgentId ?? flow.CallingAgent,
            flow.Campaign,
            call.StartedAt,
            call.AnsweredAt,
            held,
            call.Record.RecordingState,
            legs);
    }

    private static string Connected(bool held) => held ? "held" : "connected";

    private static CallLegView Party(ThirdParty party, bool fullNumbers)
    {
        var name = party.IsAgent || fullNumbers ? party.Target : CallThirdParties.Masked(party);
        return party.Role switch
        {
            ThirdPartyRole.Supervisor => new CallLegView("supervisor", name, party.Joined ? MonitoringModes.Name(party.Mode) : "ringing"),
            ThirdPartyRole.Conference => new CallLegView(party.IsAgent ? "agent" : "external", name, party.Joined ? "connected" : "ringing"),
            _ => new CallLegView(party.IsAgent ? "agent" : "external", name, party.Joined ? "consulting" : "ringing"),
        };
    }

    private static CallLegView Leg(CalleeLeg leg, string state, Func<string?, string?> number) =>
        leg.AgentId is { } agent ? new CallLegView("agent", agent, state) : new CallLegView("external", number(leg.Target) ?? leg.Target, state);

    private async Task<CallCommandResult> HangupAsync()
    {
        call.Legs.CancelAll();
        if (call.Connected is { } leg)
        {
            call.Sender.SendBye(leg.Dialog!, Q850Causes.NormalClearing);
            call.AcdLink.LegEnded(leg, callerHungUp: false);
            await call.Caller.ByeAsync(Q850Causes.NormalClearing);
        }
        else
        {
            call.ReleaseCalleeAsCallerLeaves();
            await call.Caller.HangUpAsync(480, "Released by operator", Q850Causes.NormalClearing);
        }

        await call.EndAsync(call.AnsweredAt is null ? CdrDisposition.Released : CdrDisposition.Answered, HangupParty.Operator, null, Q850Causes.NormalClearing);
        return CallCommandResult.Done(Describe(false));
    }

    private async Task<CallCommandResult> EndPartiesAsync(ThirdPartyRole role, string? party)
    {
        var matching = call.Parties.All.Where(p => p.Role == role && (party is null || p.Target == party || CallThirdParties.Masked(p) == party)).ToArray();
        if (matching.Length == 0)
        {
            return CallCommandResult.Conflict(Describe(false), role == ThirdPartyRole.Supervisor
                ? "No supervisor is on the call."
                : party is null ? "No conference member is on the call." : $"'{party}' is not a conference member of the call.");
        }

        foreach (var p in matching)
        {
            await call.Parties.RemoveAsync(p, "stopped");
        }

        return CallCommandResult.Done(Describe(false));
    }

    private CallCommandResult Hold(bool hold)
    {
        if (call.Connected is null)
        {
            return CallCommandResult.Conflict(Describe(false), $"The call is {CallStates.Waiting}: nobody is connected to hold or resume.");
        }

        if (call.Attended.InProgress)
        {
            return CallCommandResult.Conflict(Describe(false), "An attended transfer is in progress: the customer stays held until it completes or is cancelled.");
        }

        if (!dialogs.CalleeHolds(hold))
        {
            return CallCommandResult.Conflict(Describe(false), hold ? "The call is already held." : "The call is not held.");
        }

        dialogs.TellCallee(hold);
        return CallCommandResult.Done(Describe(false));
    }

    private async Task<CallCommandResult> TransferAsync(string target)
    {
        if (call.Connected is not { Dialog: not null } leg)
        {
            return CallCommandResult.Conflict(Describe(false), $"The call is {CallStates.Waiting}: only a connected call can be transferred.");
        }

        if (call.Flow.CallingAgent is not null)
        {
            return CallCommandResult.Conflict(Describe(false), "The agent placed this call: calls an agent made are not transferred from the desk.");
        }

        if (call.Attended.InProgress)
        {
            return CallCommandResult.Conflict(Describe(false), "An attended transfer is in progress: complete or cancel it first.");
        }

        // The agent leaves: a supervisor or conference members on the call leave with them.
        await call.Parties.EndAsync("call-moved");
        call.Transfer.TransferConnected(leg, target);
        return CallCommandResult.Done(Describe(false));
    }

    private CallCommandResult Recording(bool pause)
    {
        return call.Record.PauseRecording(pause) switch
        {
            RecordingChange.Changed => CallCommandResult.Done(Describe(false)),
            RecordingChange.NotRecording => CallCommandResult.Conflict(Describe(false), "The call is not being recorded."),
            _ => CallCommandResult.Conflict(Describe(false), pause ? "The recording is already paused." : "The recording is not paused."),
        };
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5130, Level = LogLevel.Information, Message = "Call {CallId}: {Command} requested through the API")]
        public static partial void Command(ILogger logger, string callId, string command);
    }
}
