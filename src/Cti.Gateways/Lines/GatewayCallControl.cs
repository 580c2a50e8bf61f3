using Cti.Gateways.At;
using Cti.Gateways.Hosting;

namespace Cti.Gateways.Lines;

/// <summary>
/// What every call on a line shares, whichever way it came: +CLCC polling, hang-up, DTMF, the network's release and
/// the end of the call. Runs on the line's loop only.
/// </summary>
internal sealed partial class GatewayCallControl(GatewayLineContext line, Action<GatewayCallEndedEventArgs> raiseCallEnded)
{
    /// <summary>The dial outcome a release code (final or unsolicited) stands for.</summary>
    public static GatewayDialOutcome ReleaseOutcome(AtLineKind kind) => kind switch
    {
        AtLineKind.Busy => GatewayDialOutcome.Busy,
        AtLineKind.NoAnswer => GatewayDialOutcome.NoAnswer,
        AtLineKind.NoDialTone => GatewayDialOutcome.NoDialTone,
        _ => GatewayDialOutcome.NoCarrier,
    };

    public void StartPolling(GatewayCall call)
    {
        var id = call.Id;
        call.PollTimer ??= line.TimeProvider.CreateTimer(_ => line.Post(new GatewayLineMessage.PollTick(id)), null, line.Options.PollClccInterval, line.Options.PollClccInterval);
    }

    public void OnPollTick(GatewayLineMessage.PollTick tick)
    {
        if (line.Call is { } call && call.Id == tick.CallId && !call.PollInFlight && !call.Ending)
        {
            call.PollInFlight = true;
            line.Issue(AtCommand.Query("AT+CLCC", "+CLCC"), call.Id, GatewayCallStep.Clcc);
        }
    }

    public void OnClcc(GatewayCall call, AtResponse response)
    {
        call.PollInFlight = false;
        if (!response.IsOk || call.Ending)
        {
            return;
        }

        ClccEntry? match = null;
        foreach (var entry in response.Lines)
        {
            if (entry.Kind == AtLineKind.Clcc && AtResponseParser.ParseClcc(entry) is { } parsed
                && parsed.IsOutgoing == (call.Direction == GatewayCallDirection.Outbound))
            {
                match = parsed;
                break;
            }
        }

        if (match is null)
        {
            OnCallReleased(call, GatewayDialOutcome.NoCarrier);
        }
        else if (match.Value.Stat == ClccEntry.Active && call.Direction == GatewayCallDirection.Outbound && call.State == GatewayCallState.Dialling)
        {
            CompleteDial(call, new GatewayDialResult(GatewayDialOutcome.Answered));
        }
    }

    public void StartHangup(TaskCompletionSource<GatewayCommandResult> completion)
    {
        if (line.Call is not { } call)
        {
            line.Defer(completion, GatewayCommandResult.Fail("no call on this line"));
            return;
        }

        call.HangupCompletion = completion;
        call.PendingOutcome ??= GatewayDialOutcome.Cancelled;
        line.Issue(new AtCommand("ATH"), call.Id, GatewayCallStep.Hangup);
    }

    public void OnHangupResponse(GatewayCall call, GatewayCallStep step, AtResponse response)
    {
        if (step == GatewayCallStep.Hangup && response.Status == AtResponseStatus.Completed && !response.IsOk)
        {
            // Some modules reject ATH for voice calls; AT+CHUP is the 3GPP way.
            line.Issue(new AtCommand("AT+CHUP"), call.Id, GatewayCallStep.HangupChup);
            return;
        }

        if (!response.IsOk)
        {
            line.NoteCommandFailure(response);
        }

        line.Defer(call.HangupCompletion, response.IsOk ? GatewayCommandResult.Ok : GatewayCommandResult.Fail($"hang-up failed: {response.Describe()}"));
        if (call.DialCompletion is { Task.IsCompleted: false })
        {
            CompleteDial(call, new GatewayDialResult(call.PendingOutcome ?? GatewayDialOutcome.Cancelled));
        }
        else
        {
            EndCall(GatewayCallEndReason.LocalHangup, null);
        }
    }

    public void StartDtmf(GatewayLineMessage.DtmfRequest request)
    {
        if (line.Call is not { State: GatewayCallState.Active } || line.Executor is not { } executor)
        {
            line.Defer(request.Completion, GatewayCommandResult.Fail("no active call"));
            return;
        }

        // Tones need no line state, so they run beside the loop; the executor still sends one command at a time.
        _ = SendDigitsAsync(executor, request.Digits, request.Completion);
    }

    /// <summary>The network released the call (NO CARRIER/BUSY ... unsolicited, or the call vanished from +CLCC).</summary>
    public void OnCallReleased(GatewayCall call, GatewayDialOutcome outcome)
    {
        if (call.Direction == GatewayCallDirection.Inbound && call.State == GatewayCallState.Ringing)
        {
            EndCall(GatewayCallEndReason.Missed, null);
            return;
        }

        call.Ending = true;
        if (outcome == GatewayDialOutcome.NoCarrier)
        {
            call.PendingOutcome = outcome;
            line.Issue(AtCommand.Query("AT+CEER", "+CEER"), call.Id, GatewayCallStep.Ceer);
            return;
        }

        if (call.DialCompletion is { Task.IsCompleted: false })
        {
            CompleteDial(call, new GatewayDialResult(outcome));
        }
        else
        {
            EndCall(GatewayCallEndReason.RemoteHangup, null);
        }
    }

    /// <summary>The +CEER that follows NO CARRIER gives the release cause.</summary>
    public void OnCeer(GatewayCall call, AtResponse response)
    {
        var cause = response.Find(AtLineKind.Ceer) is { } ceer ? AtResponseParser.ParseCeer(ceer) : null;
        if (call.DialCompletion is { Task.IsCompleted: false })
        {
            CompleteDial(call, new GatewayDialResult(GatewayDialOutcome.NoCarrier, cause));
        }
        else
        {
            EndCall(GatewayCallEndReason.RemoteHangup, cause);
        }
    }

    public void CompleteDial(GatewayCall call, GatewayDialResult result)
    {
        call.RingTimer?.Dispose();
        call.RingTimer = null;
        line.Metrics.CountCall(line.Name, result.Label);
        Log.DialResult(line.Logger, line.Name, result.Label, result.Cause);
        if (result.Outcome == GatewayDialOutcome.Answered)
        {
            call.State = GatewayCallState.Active;
            StartPolling(call);
            line.Defer(call.DialCompletion, result);
            return;
        }

        line.Defer(call.DialCompletion, result);
        Release(call);
    }

    /// <summary>Ends whatever call is on the line; a dial still waiting gets the matching outcome.</summary>
    public void EndCall(GatewayCallEndReason reason, string? cause)
    {
        if (line.Call is not { } call)
        {
            return;
        }

        if (call.DialCompletion is { Task.IsCompleted: false })
        {
            var outcome = reason switch
            {
                GatewayCallEndReason.LineFailure => GatewayDialOutcome.LineFailure,
                GatewayCallEndReason.LocalHangup => call.PendingOutcome ?? GatewayDialOutcome.Cancelled,
                _ => GatewayDialOutcome.NoCarrier,
            };
            CompleteDial(call, new GatewayDialResult(outcome, cause));
            return;
        }

        line.Defer(call.AnswerCompletion, GatewayCommandResult.Fail("call ended"));
        line.Defer(call.HangupCompletion, GatewayCommandResult.Ok);
        Release(call);
        var label = GatewayLabels.CallEnd(reason);
        if (reason == GatewayCallEndReason.LineFailure)
        {
            line.Metrics.CountCall(line.Name, label);
        }

        Log.CallEnded(line.Logger, line.Name, label);
        raiseCallEnded(new GatewayCallEndedEventArgs(line.Name, call.Direction, reason, cause, line.TimeProvider.GetUtcNow()));
    }

    // Runs beside the line's loop, so it completes its caller directly: the loop's deferred list is the loop's alone,
    // and tones change no line state that a caller would need to see first.
    private async Task SendDigitsAsync(AtCommandExecutor executor, string digits, TaskCompletionSource<GatewayCommandResult> completion)
    {
        try
        {
            foreach (var digit in digits)
            {
                var response = await executor.ExecuteAsync(new AtCommand($"AT+VTS={digit}"), line.Options.CommandTimeout, line.Stopping);
                if (!response.IsOk)
                {
                    completion.TrySetResult(GatewayCommandResult.Fail($"AT+VTS failed: {response.Describe()}"));
                    return;
                }
            }

            completion.TrySetResult(GatewayCommandResult.Ok);
        }
        catch (OperationCanceledException)
        {
            completion.TrySetResult(GatewayCommandResult.Fail("line stopping"));
        }
    }

    private void Release(GatewayCall call)
    {
        call.PollTimer?.Dispose();
        call.RingTimer?.Dispose();
        if (ReferenceEquals(line.Call, call))
        {
            line.Call = null;
        }
    }
}
