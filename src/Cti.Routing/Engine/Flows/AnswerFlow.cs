using Cti.Routing.Agents;
using Cti.Routing.Config;
using Cti.Routing.Engine.State;
using Cti.Routing.Queues;

namespace Cti.Routing.Engine.Flows;

/// <summary>
/// The outcome of an offer: an answer connects the call and counts it against the queue's service level; a
/// rejection or a missed ring sends the call on to the next agent or back to waiting.
/// </summary>
internal sealed class AnswerFlow(AcdState state, AgentStateMachine agents, OfferFlow offers, QueueFlow queues)
{
    public void OnOfferAnswered(OfferAnswered c)
    {
        if (!TryResolve(c, c.CallId, c.AgentId, out var call, out var agent))
        {
            return;
        }

        if (call.Phase != CallPhase.Ringing || !call.Ringing.Contains(agent))
        {
            state.Reject(c, c.AgentId, c.CallId, RejectionReason.NotOffered, "The call is not ringing at this agent.");
            return;
        }

        var now = state.NowTicks;
        var queue = call.Queue!;
        call.Ringing.Remove(agent);
        offers.StopOtherRinging(call, StopRingingReason.AnsweredElsewhere);
        queue.InQueue--;
        call.QueueToken++;
        call.Queue = null;
        call.AnsweredQueue = queue;
        call.Phase = CallPhase.Connected;
        call.Agent = agent;
        call.AnsweredTicks = now;

        var wait = now - call.EnqueuedTicks;
        var stats = queue.Stats;
        stats.Answered++;
        stats.AnsweredWaitTicks += wait;
        stats.MaxWaitTicks = Math.Max(stats.MaxWaitTicks, wait);
        stats.WaitTimes.Record(TimeSpan.FromTicks(wait));
        if (wait <= queue.Config.ServiceLevelThreshold.Ticks)
        {
            stats.AnsweredWithinThreshold++;
        }

        agent.ConsecutiveUnanswered = 0;
        agent.CallsAnswered++;
        agents.SetWork(agent, AgentWorkState.OnCallInbound);
        if (call.CallerNumber is not null && state.Config.LastAgentWindow > TimeSpan.Zero)
        {
            state.LastAgentByCaller[call.CallerNumber] = new LastAgentEntry(agent, now);
        }

        state.Emit(new CallAnswered(call.CallId, queue.Id, agent.Id, TimeSpan.FromTicks(wait)));
        state.Store.SaveAgentCounters(agent.Id, agent.ToCounters());
    }

    /// <summary>A rejected or unanswered offer: the call rings on elsewhere or goes back to waiting.</summary>
    public void OnOfferUnanswered(string callId, string agentId, string command, bool fromTimer)
    {
        if (!state.Calls.TryGetValue(callId, out var call))
        {
            state.Reject(command, agentId, callId, RejectionReason.UnknownCall, "Unknown call.");
            return;
        }

        if (!state.AgentsById.TryGetValue(agentId, out var agent))
        {
            state.Reject(command, agentId, callId, RejectionReason.UnknownAgent, "Unknown agent.");
            return;
        }

        if (call.Phase != CallPhase.Ringing || !call.Ringing.Contains(agent))
        {
            state.Reject(command, agentId, callId, RejectionReason.NotOffered, "The call is not ringing at this agent.");
            return;
        }

        call.Ringing.Remove(agent);
        (call.Declined ??= new HashSet<string>(StringComparer.Ordinal)).Add(agent.Id);
        if (fromTimer)
        {
            state.Emit(new StopRinging(call.CallId, agent.Id, StopRingingReason.RingTimeout));
        }

        MarkUnanswered(agent, call.Queue!);
        if (call.Ringing.Count == 0)
        {
            queues.ReturnToQueue(call);
        }
    }

    private void MarkUnanswered(AgentState agent, QueueState queue)
    {
        agent.Call = null;
        agent.CallsUnanswered++;
        agent.ConsecutiveUnanswered++;

        // Sends the agent to the back of longest-idle so the same phone is not rung again at once.
        agent.IdleSinceTicks = state.NowTicks;
        agents.SetWork(agent, AgentWorkState.Idle);
        var limit = queue.Config.NoAnswerLimit;
        if (limit > 0 && agent.ConsecutiveUnanswered >= limit && agent.Availability == AgentAvailability.Ready)
        {
            agent.ConsecutiveUnanswered = 0;
            agents.SetAvailability(agent, AgentAvailability.NotReady, NotReadyReasons.NoAnswer);
        }

        state.Store.SaveAgentCounters(agent.Id, agent.ToCounters());
    }

    private bool TryResolve(AcdCommand command, string callId, string agentId, out CallState call, out AgentState agent)
    {
        agent = null!;
        if (!state.Calls.TryGetValue(callId, out call!))
        {
            state.Reject(command, agentId, callId, RejectionReason.UnknownCall, "Unknown call.");
            return false;
        }

        if (!state.AgentsById.TryGetValue(agentId, out agent!))
        {
            state.Reject(command, agentId, callId, RejectionReason.UnknownAgent, "Unknown agent.");
            return false;
        }

        return true;
    }
}
