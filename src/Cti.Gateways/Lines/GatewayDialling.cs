using Cti.Gateways.At;
using Cti.Gateways.Hosting;
using Microsoft.Extensions.Logging;

namespace Cti.Gateways.Lines;

/// <summary>
/// Outbound calls on a line: checks and caps before ATD, the ring timeout, cancellation and the dial's own response.
/// Runs on the line's loop only.
/// </summary>
internal sealed partial class GatewayDialling(GatewayLineContext line, GatewayCallControl calls)
{
    public void Start(GatewayLineMessage.DialRequest dial)
    {
        var state = line.State;
        if (state.Status != GatewayLineStatus.Up || line.Executor is null)
        {
            Reply(dial, new GatewayDialResult(GatewayDialOutcome.LineDown, state.StatusReason ?? "line is not up"));
            return;
        }

        if (line.Call is not null)
        {
            Reply(dial, new GatewayDialResult(GatewayDialOutcome.LineBusy, "a call is in progress on this line"));
            return;
        }

        RollDay();
        if (line.Caps.Check(state.CallsToday, state.LastCallStartedAt) is { } capReason)
        {
            Reply(dial, new GatewayDialResult(GatewayDialOutcome.CapReached, capReason));
            return;
        }

        state.CallsToday++;
        state.LastCallStartedAt = line.TimeProvider.GetUtcNow();
        var call = new GatewayCall(line.NextCallId(), GatewayCallDirection.Outbound, dial.Number)
        {
            State = GatewayCallState.Dialling,
            DialCompletion = dial.Completion,
        };
        line.Call = call;
        var id = call.Id;
        call.RingTimer = line.TimeProvider.CreateTimer(_ => line.Post(new GatewayLineMessage.RingTimerFired(id)), null, dial.RingTimeout, Timeout.InfiniteTimeSpan);
        if (line.Logger.IsEnabled(LogLevel.Information))
        {
#pragma warning disable CA1873 // Guarded by IsEnabled just above.
            Log.Dialling(line.Logger, line.Name, Cti.Numbers.PhoneNumberMask.ForLog(dial.Number));
#pragma warning restore CA1873
        }

        // Some modules answer ATD only when the far end answers (AT+COLP=1, fixed-line modems): give it the ringing time.
        line.Issue(AtCommand.Dial(dial.Number), id, GatewayCallStep.Dial, dial.RingTimeout + line.Options.CommandTimeout);
    }

    public void Cancel(GatewayLineMessage.CancelDial cancel)
    {
        if (line.Call is { } call && call.DialCompletion == cancel.Completion && !cancel.Completion.Task.IsCompleted)
        {
            call.PendingOutcome = GatewayDialOutcome.Cancelled;
            line.Issue(new AtCommand("ATH"), call.Id, GatewayCallStep.Hangup);
        }
    }

    public void OnRingTimeout(GatewayLineMessage.RingTimerFired timeout)
    {
        if (line.Call is { } call && call.Id == timeout.CallId && call.State == GatewayCallState.Dialling && !call.Ending)
        {
            call.Ending = true;
            call.PendingOutcome = GatewayDialOutcome.NoAnswer;
            line.Issue(new AtCommand("ATH"), call.Id, GatewayCallStep.Hangup);
        }
    }

    public void OnDialResponse(GatewayCall call, AtResponse response)
    {
        if (call.Ending && call.DialCompletion is { Task.IsCompleted: false } && call.PendingOutcome is not null)
        {
            return; // A hang-up (ring timeout or cancel) is already on its way.
        }

        if (response.Status != AtResponseStatus.Completed)
        {
            line.NoteCommandFailure(response);
            calls.CompleteDial(call, new GatewayDialResult(GatewayDialOutcome.LineFailure, $"ATD: {response.Describe()}"));
            return;
        }

        var final = response.Final!.Value;
        switch (final.Kind)
        {
            case AtLineKind.Ok:
                // Voice ATD usually answers OK at once; progress then comes from +CLCC or a later NO CARRIER/BUSY.
                calls.StartPolling(call);
                break;
            case AtLineKind.Connect:
                calls.CompleteDial(call, new GatewayDialResult(GatewayDialOutcome.Answered));
                break;
            case AtLineKind.Busy or AtLineKind.NoAnswer or AtLineKind.NoDialTone or AtLineKind.NoCarrier:
                calls.OnCallReleased(call, GatewayCallControl.ReleaseOutcome(final.Kind));
                break;
            default:
                line.State.LastError = final.Text;
                line.Metrics.CountError(line.Name, GatewayErrorReasons.ModuleError);
                calls.CompleteDial(call, new GatewayDialResult(GatewayDialOutcome.NetworkError, final.Text, final.Code));
                break;
        }
    }

    private void Reply(GatewayLineMessage.DialRequest dial, GatewayDialResult result)
    {
        line.Metrics.CountCall(line.Name, result.Label);
        line.Defer(dial.Completion, result);
    }

    private void RollDay()
    {
        var today = line.Caps.Today;
        if (today != line.State.CallsDay)
        {
            line.State.CallsDay = today;
            line.State.CallsToday = 0;
        }
    }
}
