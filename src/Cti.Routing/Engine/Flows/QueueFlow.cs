using Cti.Routing.Agents;
using Cti.Routing.Config;
using Cti.Routing.Engine.State;
using Cti.Routing.Engine.Timers;
using Cti.Routing.Queues;

namespace Cti.Routing.Engine.Flows;

/// <summary>
/// A call's life in its queue: joining (or overflowing at once), holding for the caller's last agent,
/// escalation, position announcements, going back to waiting after a failed offer, and leaving for an
/// overflow target.
/// </summary>
internal sealed class QueueFlow(AcdState state, OfferFlow offers)
{
    private const int MaxOverflowHops = 5;
    private static readonly TimeSpan DefaultHandleTime = TimeSpan.FromMinutes(3);

    public void OnCallArrived(CallArrived c)
    {
        if (state.Calls.ContainsKey(c.CallId))
        {
            state.Reject(c, null, c.CallId, RejectionReason.DuplicateCall, "A call with this id is already known.");
            return;
        }

        if (!state.QueuesById.TryGetValue(c.QueueId, out var queue) || queue.Removed)
        {
            state.Reject(c, null, c.CallId, RejectionReason.UnknownQueue, $"Queue '{c.QueueId}' does not exist.");
            return;
        }

        var config = state.Config;
        var now = state.NowTicks;
        var priority = c.Priority + (c.CallerNumber is not null && state.Vips.Contains(c.CallerNumber) ? config.VipPriorityBoost : 0);
        var call = new CallState(c.CallId)
        {
            CallerNumber = c.CallerNumber,
            Priority = priority,
            ArrivedTicks = now,
            Seq = ++state.CallSeq,
            Key = now - (priority * config.PriorityStep.Ticks),
        };
        state.Calls.Add(call.CallId, call);
        Enqueue(call, queue, allowLastAgent: true);
    }

    /// <summary>A ringing call nobody answered goes back to waiting, unless it is due to leave the queue.</summary>
    public void ReturnToQueue(CallState call)
    {
        var queue = call.Queue!;
        if (queue.Removed)
        {
            LeaveQueue(call, queue, OverflowTarget.Voicemail, OverflowReason.QueueRemoved);
            return;
        }

        if (call.PendingOverflow is { } pending)
        {
            LeaveQueue(call, queue, pending, call.PendingReason);
            return;
        }

        // A configuration change while ringing may have removed levels.
        call.Level = Math.Min(call.Level, queue.Waiting.Length - 1);
        call.Phase = CallPhase.Waiting;
        queue.Waiting[call.Level].Add(call);
        offers.TryOffer(call);
    }

    /// <summary>Stops holding a call for its last agent and lets any agent take it.</summary>
    public void ReleaseHeldCall(CallState call)
    {
        call.TargetAgent?.TargetedCalls.Remove(call);
        call.TargetAgent = null;
        call.HoldToken++;
        call.Phase = CallPhase.Waiting;
        call.Queue!.Waiting[call.Level].Add(call);
        offers.TryOffer(call);
    }

    /// <summary>Takes a call out of its queue (if in one) and sends it to an overflow target.</summary>
    public void LeaveQueue(CallState call, QueueState queue, OverflowTarget target, OverflowReason reason)
    {
        if (call.Queue is not null)
        {
            RemoveFromQueue(call);
        }

        if (reason == OverflowReason.MaxWait)
        {
            queue.Stats.TimedOut++;
        }
        else
        {
            queue.Stats.Overflowed++;
        }

        QueueState? next = null;
        if (target.Kind == OverflowKind.Queue)
        {
            if (call.Overflows < MaxOverflowHops && state.QueuesById.TryGetValue(target.QueueId!, out var q) && !q.Removed)
            {
                next = q;
            }
            else
            {
                target = OverflowTarget.Voicemail;
            }
        }

        state.Emit(new OverflowCall(call.CallId, queue.Id, target, reason));
        if (next is not null)
        {
            call.Overflows++;
            Enqueue(call, next, allowLastAgent: false);
        }
        else
        {
            state.Calls.Remove(call.CallId);
        }
    }

    /// <summary>A ringing call finishes its offer first; it leaves when the offer fails.</summary>
    public void LeaveOrDefer(CallState call, OverflowTarget target, OverflowReason reason)
    {
        if (call.Phase == CallPhase.Ringing)
        {
            if (call.PendingOverflow is null)
            {
                call.PendingOverflow = target;
                call.PendingReason = reason;
            }

            return;
        }

        LeaveQueue(call, call.Queue!, target, reason);
    }

    public static void RemoveFromQueue(CallState call)
    {
        var queue = call.Queue!;
        switch (call.Phase)
        {
            case CallPhase.Waiting:
                queue.Waiting[call.Level].Remove(call);
                break;
            case CallPhase.HeldForAgent:
                call.TargetAgent?.TargetedCalls.Remove(call);
                call.TargetAgent = null;
                call.HoldToken++;
                break;
            default:
                break;
        }

        queue.InQueue--;
        call.QueueToken++;
        call.Queue = null;
    }

    /// <summary>Runs escalation step <paramref name="step"/>: widens the eligible agents or leaves the queue.</summary>
    public void Escalate(CallState call, int step)
    {
        var queue = call.Queue!;
        var steps = queue.Config.Escalation;
        if (step != call.NextStep || step >= steps.Count)
        {
            return;
        }

        call.NextStep = step + 1;
        if (call.NextStep < steps.Count)
        {
            state.Schedule(call.EnqueuedTicks + steps[call.NextStep].After.Ticks, new TimerEntry(TimerKind.Escalation, call, null, call.QueueToken, call.NextStep));
        }

        var level = queue.StepLevel[step];
        if (level < 0)
        {
            LeaveOrDefer(call, steps[step].Overflow!, OverflowReason.Escalation);
            return;
        }

        if (call.Phase == CallPhase.Waiting)
        {
            queue.Waiting[call.Level].Remove(call);
            call.Level = level;
            queue.Waiting[level].Add(call);
            offers.TryOffer(call);
        }
        else
        {
            call.Level = level;
        }
    }

    public void AnnounceIfEnabled(CallState call, QueueState queue)
    {
        if (!queue.Config.AnnouncePosition)
        {
            return;
        }

        var position = 1;
        foreach (var set in queue.Waiting)
        {
            foreach (var other in set)
            {
                if (CallOrderComparer.Instance.Compare(other, call) >= 0)
                {
                    break;
                }

                position++;
            }
        }

        state.Emit(new AnnouncePosition(call.CallId, queue.Id, position, EstimateWait(queue, position)));
    }

    /// <summary>position × average handle time ÷ logged-in members (3 min per call until there is history).</summary>
    public static TimeSpan EstimateWait(QueueState queue, int position)
    {
        var aht = queue.Stats.Handled > 0 ? queue.Stats.AverageHandleTime : DefaultHandleTime;
        var staff = Math.Max(1, queue.LoggedInMembers);
        return TimeSpan.FromTicks(aht.Ticks * position / staff);
    }

    private void Enqueue(CallState call, QueueState queue, bool allowLastAgent)
    {
        var config = queue.Config;
        queue.Stats.Offered++;
        if (!config.JoinWhenEmpty && queue.LoggedInMembers == 0)
        {
            LeaveQueue(call, queue, config.OverflowTarget, OverflowReason.QueueEmpty);
            return;
        }

        if (config.MaxLength > 0 && queue.InQueue >= config.MaxLength)
        {
            LeaveQueue(call, queue, config.OverflowTarget, OverflowReason.QueueFull);
            return;
        }

        call.Queue = queue;
        queue.InQueue++;
        call.EnqueuedTicks = state.NowTicks;
        call.Level = 0;
        call.NextStep = 0;
        call.QueueToken++;
        call.PendingOverflow = null;
        ScheduleQueueTimers(call, queue);
        state.Emit(new CallQueued(call.CallId, queue.Id, call.Priority));

        if (allowLastAgent && TryHoldForLastAgent(call, queue, out var target))
        {
            AnnounceIfEnabled(call, queue);
            if (target.IsReadyIdle)
            {
                offers.OfferHeldCall(call, target);
            }

            return;
        }

        call.Phase = CallPhase.Waiting;
        queue.Waiting[0].Add(call);
        AnnounceIfEnabled(call, queue);
        offers.TryOffer(call);
    }

    private void ScheduleQueueTimers(CallState call, QueueState queue)
    {
        var config = queue.Config;
        if (config.Escalation.Count > 0)
        {
            state.Schedule(call.EnqueuedTicks + config.Escalation[0].After.Ticks, new TimerEntry(TimerKind.Escalation, call, null, call.QueueToken, 0));
        }

        if (config.MaxWait is { } maxWait)
        {
            state.Schedule(call.EnqueuedTicks + maxWait.Ticks, new TimerEntry(TimerKind.MaxWait, call, null, call.QueueToken));
        }

        if (config.AnnouncePosition && config.AnnounceInterval is { } interval)
        {
            state.Schedule(state.NowTicks + interval.Ticks, new TimerEntry(TimerKind.Announce, call, null, call.QueueToken));
        }
    }

    private bool TryHoldForLastAgent(CallState call, QueueState queue, out AgentState agent)
    {
        agent = null!;
        var config = state.Config;
        if (config.LastAgentWindow <= TimeSpan.Zero || config.LastAgentHold <= TimeSpan.Zero || call.CallerNumber is null
            || !state.LastAgentByCaller.TryGetValue(call.CallerNumber, out var last)
            || state.NowTicks - last.AtTicks > config.LastAgentWindow.Ticks
            || !last.Agent.IsLoggedIn || last.Agent.Removed)
        {
            return false;
        }

        if (!QualifiesFor(last.Agent, queue))
        {
            return false;
        }

        agent = last.Agent;
        call.Phase = CallPhase.HeldForAgent;
        call.TargetAgent = agent;
        call.HoldToken++;
        agent.TargetedCalls.Add(call);
        state.Schedule(state.NowTicks + config.LastAgentHold.Ticks, new TimerEntry(TimerKind.LastAgentHold, call, null, call.HoldToken));
        return true;
    }

    // A loop, not Array.Find with a lambda: the lambda's closure was allocated on every arrival.
    private static bool QualifiesFor(AgentState agent, QueueState queue)
    {
        foreach (var member in agent.Memberships)
        {
            if (member.Queue == queue && member.MinLevel != int.MaxValue)
            {
                return true;
            }
        }

        return false;
    }
}
