using Cti.Routing.Agents;
using Cti.Routing.Engine.State;
using Cti.Routing.Engine.Timers;
using Cti.Routing.Queues;
using Cti.Routing.Strategies;

namespace Cti.Routing.Engine.Flows;

/// <summary>
/// Offers: picks the agents a waiting call rings (by the queue's strategy), rings them, stops the others, and
/// gives agents who become ready the best call waiting for them.
/// </summary>
internal sealed class OfferFlow(AcdState state, AgentStateMachine agents)
{
    // Reused on every offer so choosing an agent allocates nothing.
    private AgentCandidate[] _candidates = new AgentCandidate[64];
    private Membership[] _candidateMembers = new Membership[64];

    /// <summary>Offers a waiting call to the eligible ready agents chosen by the queue's strategy.</summary>
    public bool TryOffer(CallState call)
    {
        if (call.Phase != CallPhase.Waiting)
        {
            return false;
        }

        var queue = call.Queue!;
        var count = CollectCandidates(queue, call.Level, call.Declined);
        if (count == 0 && call.Declined is { Count: > 0 })
        {
            // Everyone eligible has let this call go once: start another round with all of them.
            call.Declined.Clear();
            count = CollectCandidates(queue, call.Level, null);
        }

        if (count == 0)
        {
            return false;
        }

        queue.Waiting[call.Level].Remove(call);
        StartRinging(call, queue);
        var strategy = queue.Strategy;
        if (strategy.OffersToAll)
        {
            for (var i = 0; i < count; i++)
            {
                OfferTo(call, _candidateMembers[i].Agent, queue);
            }

            return true;
        }

        var context = new RoutingStrategyContext(queue.RoundRobinLastOrder, state.Random);
        var chosen = _candidateMembers[strategy.Select(_candidates.AsSpan(0, count), context)];
        if (strategy.Name == RoutingStrategies.RoundRobin)
        {
            queue.RoundRobinLastOrder = chosen.Order;
            queue.RoundRobinLastAgentId = chosen.Agent.Id;
            state.Store.SaveRoundRobinPosition(queue.Id, chosen.Agent.Id);
        }

        OfferTo(call, chosen.Agent, queue);
        return true;
    }

    /// <summary>Rings the agent a held call was waiting for.</summary>
    public void OfferHeldCall(CallState call, AgentState agent)
    {
        agent.TargetedCalls.Remove(call);
        call.TargetAgent = null;
        call.HoldToken++;
        StartRinging(call, call.Queue!);
        OfferTo(call, agent, call.Queue!);
    }

    public void StopOtherRinging(CallState call, StopRingingReason reason)
    {
        foreach (var other in call.Ringing)
        {
            state.Emit(new StopRinging(call.CallId, other.Id, reason));
            other.Call = null;
            agents.SetWork(other, AgentWorkState.Idle);
        }

        call.Ringing.Clear();
    }

    /// <summary>Gives every agent that became ready idle during this command a waiting call, if one fits.</summary>
    public void DrainDispatch()
    {
        // Index-based: dispatching may make more agents ready (e.g. ring-all losers) and append to the list.
        var pending = state.PendingDispatch;
        for (var i = 0; i < pending.Count; i++)
        {
            DispatchAgent(pending[i]);
        }

        pending.Clear();
    }

    /// <summary>
    /// Copies the ready members eligible at <paramref name="level"/> and in the lowest tier present, leaving out the
    /// agents who already rejected or missed this call (<paramref name="declined"/>), so it moves on to the next agent.
    /// </summary>
    private int CollectCandidates(QueueState queue, int level, HashSet<string>? declined)
    {
        var count = 0;
        var minTier = int.MaxValue;
        var ready = queue.Ready;
        for (var i = 0; i < ready.Count; i++)
        {
            var member = ready[i];
            if (member.MinLevel > level || member.Tier > minTier || (declined is not null && declined.Contains(member.Agent.Id)))
            {
                continue;
            }

            if (member.Tier < minTier)
            {
                minTier = member.Tier;
                count = 0;
            }

            if (count == _candidates.Length)
            {
                Array.Resize(ref _candidates, count * 2);
                Array.Resize(ref _candidateMembers, count * 2);
            }

            var agent = member.Agent;
            _candidateMembers[count] = member;
            _candidates[count] = new AgentCandidate(count, member.Order, member.Proficiency, agent.IdleSinceTicks, agent.CallsAnswered, agent.TalkTicks);
            count++;
        }

        return count;
    }

    private void StartRinging(CallState call, QueueState queue)
    {
        call.Phase = CallPhase.Ringing;
        call.OfferToken++;
        state.Schedule(state.NowTicks + queue.Config.RingTimeout.Ticks, new TimerEntry(TimerKind.RingTimeout, call, null, call.OfferToken));
    }

    private void OfferTo(CallState call, AgentState agent, QueueState queue)
    {
        call.Ringing.Add(agent);
        agent.Call = call;
        agent.ReservedAtTicks = state.NowTicks;
        agent.CallsOffered++;
        agents.SetWork(agent, AgentWorkState.Reserved);
        state.Emit(new OfferCall(call.CallId, agent.Id, queue.Id, queue.Config.RingTimeout));
    }

    /// <summary>Gives a ready idle agent the best waiting call among its queues, if any.</summary>
    private void DispatchAgent(AgentState agent)
    {
        while (agent.IsReadyIdle)
        {
            if (agent.TargetedCalls.Count > 0)
            {
                OfferHeldCall(agent.TargetedCalls[0], agent);
                continue;
            }

            CallState? best = null;
            var bestPriority = 0;
            foreach (var member in agent.Memberships)
            {
                if (member.MinLevel == int.MaxValue)
                {
                    continue;
                }

                var queue = member.Queue;
                for (var level = member.MinLevel; level < queue.Waiting.Length; level++)
                {
                    var set = queue.Waiting[level];
                    if (set.Count == 0)
                    {
                        continue;
                    }

                    var head = set.Min!;
                    if (best is null || queue.Config.Priority > bestPriority
                        || (queue.Config.Priority == bestPriority && CallOrderComparer.Instance.Compare(head, best) < 0))
                    {
                        best = head;
                        bestPriority = queue.Config.Priority;
                    }
                }
            }

            if (best is null || !TryOffer(best))
            {
                return;
            }
        }
    }
}
