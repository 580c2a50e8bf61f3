using Cti.Routing.Agents;
using Cti.Routing.Engine.State;
using Cti.Routing.Engine.Timers;

namespace Cti.Routing.Engine.Flows;

/// <summary>
/// The end of a call: an abandon while queued, or the end of a connected call followed by the agent's
/// wrap-up, with talk, hold, wrap-up and handle times counted for the agent and the queue.
/// </summary>
internal sealed class CallEndFlow(AcdState state, AgentStateMachine agents, OfferFlow offers)
{
    public void OnCallerHungUp(CallerHungUp c)
    {
        if (!state.Calls.TryGetValue(c.CallId, out var call))
        {
            state.Reject(c, null, c.CallId, RejectionReason.UnknownCall, "Unknown call.");
            return;
        }

        switch (call.Phase)
        {
            case CallPhase.Waiting:
            case CallPhase.HeldForAgent:
            case CallPhase.Ringing:
                Abandon(call);
                break;
            default:
                EndCall(call);
                break;
        }
    }

    public void OnCallEnded(CallEnded c)
    {
        if (!state.Calls.TryGetValue(c.CallId, out var call))
        {
            state.Reject(c, null, c.CallId, RejectionReason.UnknownCall, "Unknown call.");
            return;
        }

        if (call.Phase is not (CallPhase.Connected or CallPhase.OutboundConnected or CallPhase.OutboundReserved))
        {
            state.Reject(c, null, c.CallId, RejectionReason.NotOnCall, $"The call is {call.Phase}, not connected.");
            return;
        }

        EndCall(call);
    }

    /// <summary>The caller left before an agent answered.</summary>
    public void Abandon(CallState call)
    {
        var queue = call.Queue!;
        offers.StopOtherRinging(call, StopRingingReason.CallerHungUp);
        QueueFlow.RemoveFromQueue(call);
        var wait = state.NowTicks - call.EnqueuedTicks;
        var isShort = wait < queue.Config.ShortAbandonThreshold.Ticks;
        if (isShort)
        {
            queue.Stats.ShortAbandoned++;
        }
        else
        {
            queue.Stats.Abandoned++;
        }

        state.Calls.Remove(call.CallId);
        state.Emit(new CallAbandoned(call.CallId, queue.Id, TimeSpan.FromTicks(wait), isShort));
    }

    /// <summary>Ends a connected call (or drops an outbound reservation) and starts the agent's wrap-up.</summary>
    public void EndCall(CallState call)
    {
        state.Calls.Remove(call.CallId);
        var agent = call.Agent!;
        agent.Call = null;
        if (call.Phase == CallPhase.OutboundReserved)
        {
            agents.SetWork(agent, AgentWorkState.Idle);
            return;
        }

        var now = state.NowTicks;
        if (agent.Work == AgentWorkState.OnHold)
        {
            call.HoldTicks += now - call.HoldStartedTicks;
        }

        var talk = Math.Max(0, now - call.AnsweredTicks - call.HoldTicks);
        agent.TalkTicks += talk;
        agent.HoldTicks += call.HoldTicks;
        var queue = call.AnsweredQueue;
        var wrap = agent.Config.WrapUpTime ?? queue?.Config.WrapUpTime ?? TimeSpan.Zero;
        if (queue is not null)
        {
            queue.Stats.TalkTicks += talk;
            queue.Stats.HoldTicks += call.HoldTicks;
        }

        agent.WrapQueue = queue;
        agent.LastTalkHoldTicks = talk + call.HoldTicks;
        agent.WrapStartedTicks = now;
        agent.WrapToken++;
        if (wrap > TimeSpan.Zero)
        {
            agents.SetWork(agent, AgentWorkState.WrapUp);
            state.Schedule(now + wrap.Ticks, new TimerEntry(TimerKind.WrapUpEnd, null, agent, agent.WrapToken));
        }
        else
        {
            CompleteWrapUp(agent);
        }
    }

    public void CompleteWrapUp(AgentState agent)
    {
        var now = state.NowTicks;
        agent.WrapToken++;
        var wrap = now - agent.WrapStartedTicks;
        agent.WrapTicks += wrap;
        if (agent.WrapQueue is { } queue)
        {
            queue.Stats.WrapTicks += wrap;
            queue.Stats.Handled++;
            queue.Stats.HandleTimes.Record(TimeSpan.FromTicks(agent.LastTalkHoldTicks + wrap));
        }

        agent.WrapQueue = null;
        agent.IdleSinceTicks = now;

        state.Store.SaveAgentCounters(agent.Id, agent.ToCounters());

        // With zero wrap-up the agent goes straight from the call to idle.
        agents.SetWork(agent, AgentWorkState.Idle);
    }
}
