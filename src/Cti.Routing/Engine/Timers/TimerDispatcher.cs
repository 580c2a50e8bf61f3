using Cti.Routing.Agents;
using Cti.Routing.Engine.Flows;
using Cti.Routing.Engine.State;

namespace Cti.Routing.Engine.Timers;

/// <summary>
/// Runs the timers that are due, each at its own due time, and hands each to the flow it belongs to; a timer
/// whose token no longer matches was cancelled and does nothing.
/// </summary>
internal sealed class TimerDispatcher(AcdState state, OfferFlow offers, QueueFlow queues, AnswerFlow answers, CallEndFlow ends, Watchdog watchdog)
{
    public void RunDue(long nowTicks)
    {
        while (state.Timers.TryDequeueDue(nowTicks, out var entry, out var due))
        {
            // Timers run at their own due time so durations (wrap-up, waits) are exact.
            state.NowTicks = Math.Max(state.NowTicks, due);
            Fire(entry);
            offers.DrainDispatch();
        }
    }

    private void Fire(TimerEntry entry)
    {
        var call = entry.Call;
        switch (entry.Kind)
        {
            case TimerKind.RingTimeout when call!.Phase == CallPhase.Ringing && call.OfferToken == entry.Token:
                foreach (var agent in call.Ringing.ToArray())
                {
                    answers.OnOfferUnanswered(call.CallId, agent.Id, nameof(OfferTimedOut), fromTimer: true);
                }

                break;
            case TimerKind.Escalation when call!.Queue is not null && call.QueueToken == entry.Token:
                queues.Escalate(call, entry.Arg);
                break;
            case TimerKind.MaxWait when call!.Queue is not null && call.QueueToken == entry.Token:
                queues.LeaveOrDefer(call, call.Queue.Config.MaxWaitTarget, OverflowReason.MaxWait);
                break;
            case TimerKind.Announce when call!.Queue is { } queue && call.QueueToken == entry.Token:
                if (call.Phase is CallPhase.Waiting or CallPhase.HeldForAgent)
                {
                    queues.AnnounceIfEnabled(call, queue);
                }

                state.Schedule(state.NowTicks + queue.Config.AnnounceInterval!.Value.Ticks, entry);
                break;
            case TimerKind.LastAgentHold when call!.Phase == CallPhase.HeldForAgent && call.HoldToken == entry.Token:
                queues.ReleaseHeldCall(call);
                break;
            case TimerKind.WrapUpEnd when entry.Agent!.Work == AgentWorkState.WrapUp && entry.Agent.WrapToken == entry.Token:
                ends.CompleteWrapUp(entry.Agent);
                break;
            case TimerKind.Watchdog:
                watchdog.Fire(entry.Token);
                break;
            default:
                break;
        }
    }
}
