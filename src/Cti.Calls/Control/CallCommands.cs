using Cti.Calls.Legs;
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
                TransferCallCommand t => Transfer(t.Target),
                RecordingCallCommand r => Recording(r.Pause),
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

        foreach (var ringing in call.Legs.Ringing.Where(l => l.Kind != CalleeKind.Customer))
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

    private CallCommandResult Hold(bool hold)
    {
        if (call.Connected is null)
        {
            return CallCommandResult.Conflict(Describe(false), $"The call is {CallStates.Waiting}: nobody is connected to hold or resume.");
        }

        if (!dialogs.CalleeHolds(hold))
        {
            return CallCommandResult.Conflict(Describe(false), hold ? "The call is already held." : "The call is not held.");
        }

        dialogs.TellCallee(hold);
        return CallCommandResult.Done(Describe(false));
    }

    private CallCommandResult Transfer(string target)
    {
        if (call.Connected is not { Dialog: not null } leg)
        {
            return CallCommandResult.Conflict(Describe(false), $"The call is {CallStates.Waiting}: only a connected call can be transferred.");
        }

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
