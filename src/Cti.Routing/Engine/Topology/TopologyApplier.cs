using Cti.Routing.Agents;
using Cti.Routing.Config;
using Cti.Routing.Engine.Flows;
using Cti.Routing.Engine.State;
using Cti.Routing.Engine.Timers;
using Cti.Routing.Persistence;
using Cti.Routing.Queues;

namespace Cti.Routing.Engine.Topology;

/// <summary>
/// Builds queues, agents and memberships from a configuration, at start-up and on every later change, keeping
/// the live state of the ids that remain and re-queueing waiting calls under the new rules.
/// </summary>
internal sealed partial class TopologyApplier(AcdState state, AgentStateMachine agents, QueueFlow queues, OfferFlow offers)
{
    public long Version { get; private set; }

    /// <summary>The first configuration, with the counters and rotation positions a previous run stored.</summary>
    public void Initialize(RoutingStoredState stored)
    {
        Apply(state.Config, stored);
        Version = 1;
    }

    public void OnApplyConfig(RoutingConfig config)
    {
        var errors = RoutingConfigValidator.Validate(config);
        if (errors.Count > 0)
        {
            Log.ConfigRejected(state.Logger, errors.Count, string.Join(" | ", errors));
            state.Emit(new ConfigRejected(errors));
            return;
        }

        Apply(config, RoutingStoredState.Empty);
        Version++;
        Log.ConfigApplied(state.Logger, Version, config.Queues.Count, config.Agents.Count);
        state.Emit(new ConfigApplied(Version));
    }

    /// <summary>
    /// Builds queues, agents and memberships from a configuration while keeping live state (agent states,
    /// counters, calls) of the ids that still exist. Waiting calls are re-levelled for the new rules.
    /// </summary>
    private void Apply(RoutingConfig config, RoutingStoredState stored)
    {
        state.Config = config;
        state.Reasons = config.NotReadyReasons.ToHashSet(StringComparer.Ordinal);
        state.Vips = config.VipNumbers.ToHashSet(StringComparer.Ordinal);

        var queued = state.Calls.Values.Where(c => c.Phase is CallPhase.Waiting or CallPhase.HeldForAgent).OrderBy(c => c.Seq).ToList();
        foreach (var call in queued)
        {
            call.TargetAgent?.TargetedCalls.Remove(call);
            call.TargetAgent = null;
        }

        ApplyQueues(config, stored);
        ApplyAgents(config, stored);
        foreach (var queue in state.Queues)
        {
            queue.RoundRobinLastOrder = queue.RoundRobinLastAgentId is { } id
                ? queue.Members.FindIndex(m => m.Agent.Id == id)
                : -1;
        }

        foreach (var call in queued)
        {
            Requeue(call);
        }
    }

    private void ApplyQueues(RoutingConfig config, RoutingStoredState stored)
    {
        var queuesById = state.QueuesById;
        var keep = config.Queues.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var old in state.Queues.Where(q => !keep.Contains(q.Id)))
        {
            old.Removed = true;
            queuesById.Remove(old.Id);
        }

        state.Queues.Clear();
        for (var i = 0; i < config.Queues.Count; i++)
        {
            var qc = config.Queues[i];
            if (queuesById.TryGetValue(qc.Id, out var queue))
            {
                queue.Reconfigure(qc);
                queue.Index = i;
            }
            else
            {
                queue = new QueueState(qc, i);
                if (stored.RoundRobinLastAgent.TryGetValue(qc.Id, out var last))
                {
                    queue.RoundRobinLastAgentId = last;
                }

                queuesById.Add(qc.Id, queue);
            }

            queue.Members.Clear();
            queue.Ready.Clear();
            queue.LoggedInMembers = 0;
            state.Queues.Add(queue);
        }
    }

    private void ApplyAgents(RoutingConfig config, RoutingStoredState stored)
    {
        var agentIds = config.Agents.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var old in state.Agents.Where(a => !agentIds.Contains(a.Id)))
        {
            // A removed agent finishes a call in progress but gets nothing new (IsReadyIdle is false).
            old.Removed = true;
            old.Memberships = [];
            if (old.Call is null)
            {
                agents.RetireRemovedAgent(old);
            }
        }

        state.Agents.Clear();
        state.FreeForOutbound = 0;
        for (var i = 0; i < config.Agents.Count; i++)
        {
            var ac = config.Agents[i];
            if (state.AgentsById.TryGetValue(ac.Id, out var agent))
            {
                agent.Removed = false; // still known, possibly finishing a call after an earlier removal
            }
            else
            {
                agent = new AgentState(ac, i) { StateSinceTicks = state.NowTicks, IdleSinceTicks = state.NowTicks };
                if (stored.AgentCounters.TryGetValue(ac.Id, out var counters))
                {
                    agent.Restore(counters);
                }

                state.AgentsById[ac.Id] = agent;
            }

            agent.Config = ac;
            agent.InReadyIndex = false;
            var memberships = new List<Membership>(ac.Queues.Count);
            foreach (var qm in ac.Queues)
            {
                var queue = state.QueuesById[qm.QueueId];
                var minLevel = Array.FindIndex(queue.Levels, l => l.Matches(ac.Skills));
                var member = new Membership(agent, queue, qm.Tier, minLevel < 0 ? int.MaxValue : minLevel, ProficiencyFor(ac, queue.Config), queue.Members.Count);
                queue.Members.Add(member);
                memberships.Add(member);
                if (agent.IsLoggedIn)
                {
                    queue.LoggedInMembers++;
                }
            }

            agent.Memberships = memberships.ToArray();
            state.Agents.Add(agent);
            agents.UpdateReadyIndex(agent);
        }
    }

    /// <summary>Puts a waiting call back under its (possibly new) queue rules, keeping its wait so far.</summary>
    private void Requeue(CallState call)
    {
        var now = state.NowTicks;
        var queue = call.Queue!;
        if (queue.Removed)
        {
            queue.InQueue--;
            call.Queue = null;
            queue.Stats.Overflowed++;
            state.Emit(new OverflowCall(call.CallId, queue.Id, OverflowTarget.Voicemail, OverflowReason.QueueRemoved));
            state.Calls.Remove(call.CallId);
            return;
        }

        var waited = now - call.EnqueuedTicks;
        var steps = queue.Config.Escalation;
        call.QueueToken++;
        call.Level = 0;
        call.NextStep = 0;
        call.PendingOverflow = null;
        for (; call.NextStep < steps.Count && steps[call.NextStep].After.Ticks <= waited; call.NextStep++)
        {
            var level = queue.StepLevel[call.NextStep];
            if (level < 0)
            {
                call.Phase = CallPhase.Waiting; // in no set yet, so removing it is a no-op
                queues.LeaveQueue(call, queue, steps[call.NextStep].Overflow!, OverflowReason.Escalation);
                return;
            }

            call.Level = level;
        }

        if (call.NextStep < steps.Count)
        {
            state.Schedule(call.EnqueuedTicks + steps[call.NextStep].After.Ticks, new TimerEntry(TimerKind.Escalation, call, null, call.QueueToken, call.NextStep));
        }

        if (queue.Config.MaxWait is { } maxWait)
        {
            state.Schedule(Math.Max(now, call.EnqueuedTicks + maxWait.Ticks), new TimerEntry(TimerKind.MaxWait, call, null, call.QueueToken));
        }

        if (queue.Config.AnnouncePosition && queue.Config.AnnounceInterval is { } interval)
        {
            state.Schedule(now + interval.Ticks, new TimerEntry(TimerKind.Announce, call, null, call.QueueToken));
        }

        call.Phase = CallPhase.Waiting;
        queue.Waiting[call.Level].Add(call);
        offers.TryOffer(call);
    }

    private static int ProficiencyFor(AgentConfig agent, QueueConfig queue)
    {
        var best = 0;
        foreach (var requirement in queue.RequiredSkills.Concat(queue.Escalation.Where(s => s.AdditionalSkill is not null).Select(s => s.AdditionalSkill!)))
        {
            best = Math.Max(best, LevelRequirement.ProficiencyOf(agent.Skills, requirement.Skill));
        }

        if (queue.RequiredSkills.Count == 0 && best == 0)
        {
            best = agent.Skills.Count == 0 ? 1 : agent.Skills.Max(s => s.Proficiency);
        }

        return best;
    }
}
