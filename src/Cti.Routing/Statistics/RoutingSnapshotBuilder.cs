using Cti.Routing.Agents;
using Cti.Routing.Engine;
using Cti.Routing.Engine.Flows;

namespace Cti.Routing.Statistics;

/// <summary>Builds a <see cref="RoutingSnapshot"/> from the core's live state. O(agents + calls).</summary>
internal static class RoutingSnapshotBuilder
{
    public static RoutingSnapshot Build(AcdCore core, DateTimeOffset now)
    {
        var nowTicks = now.UtcTicks;
        var queues = core.Queues;
        var oldest = new long[queues.Count];
        Array.Fill(oldest, long.MaxValue);
        foreach (var call in core.Calls)
        {
            if (call.Queue is { Removed: false } queue && queue.Index < oldest.Length && queues[queue.Index] == queue)
            {
                oldest[queue.Index] = Math.Min(oldest[queue.Index], call.EnqueuedTicks);
            }
        }

        var queueSnapshots = new QueueSnapshot[queues.Count];
        for (var i = 0; i < queues.Count; i++)
        {
            var queue = queues[i];
            var stats = queue.Stats;
            queueSnapshots[i] = new QueueSnapshot
            {
                QueueId = queue.Id,
                Waiting = queue.InQueue,
                LongestWait = oldest[i] == long.MaxValue ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Max(0, nowTicks - oldest[i])),
                EstimatedWait = QueueFlow.EstimateWait(queue, queue.InQueue + 1),
                Offered = stats.Offered,
                Answered = stats.Answered,
                AnsweredWithinThreshold = stats.AnsweredWithinThreshold,
                Abandoned = stats.Abandoned,
                ShortAbandoned = stats.ShortAbandoned,
                TimedOut = stats.TimedOut,
                Overflowed = stats.Overflowed,
                Handled = stats.Handled,
                ServiceLevel = stats.ServiceLevel,
                ServiceLevelOfOffered = stats.ServiceLevelOfOffered,
                AverageSpeedOfAnswer = stats.AverageSpeedOfAnswer,
                AverageHandleTime = stats.AverageHandleTime,
                MaxObservedWait = TimeSpan.FromTicks(stats.MaxWaitTicks),
                AgentsLoggedIn = queue.LoggedInMembers,
                AgentsReady = queue.Ready.Count,
                WaitTime = stats.WaitTimes.ToSnapshot(),
                HandleTime = stats.HandleTimes.ToSnapshot(),
            };
        }

        var agents = core.Agents;
        var agentSnapshots = new AgentSnapshot[agents.Count];
        var byState = new Dictionary<(AgentAvailability, AgentWorkState), int>();
        for (var i = 0; i < agents.Count; i++)
        {
            var agent = agents[i];
            agentSnapshots[i] = Snapshot(agent, nowTicks);
            var key = (agent.Availability, agent.Work);
            byState[key] = byState.GetValueOrDefault(key) + 1;
        }

        return new RoutingSnapshot
        {
            At = now,
            Sequence = core.LastSequence,
            ConfigVersion = core.ConfigVersion,
            Queues = queueSnapshots,
            Agents = agentSnapshots,
            AgentsByState = byState.Select(p => new AgentStateCount(p.Key.Item1, p.Key.Item2, p.Value))
                .OrderBy(c => c.Availability).ThenBy(c => c.Work).ToArray(),
            AgentsFreeForOutbound = core.AgentsFreeForOutbound,
            WatchdogFreedAgents = core.WatchdogFreedAgents,
        };
    }

    /// <summary>Reads the agent's accumulators plus the still-running current state, without mutating it.</summary>
    public static AgentSnapshot Snapshot(AgentState agent, long nowTicks)
    {
        var availability = (long[])agent.AvailabilityTicks.Clone();
        var work = (long[])agent.WorkTicks.Clone();
        var notReadyIdle = agent.NotReadyIdleTicks;
        var running = Math.Max(0, nowTicks - agent.StateSinceTicks);
        availability[(int)agent.Availability] += running;
        if (agent.IsLoggedIn)
        {
            work[(int)agent.Work] += running;
            if (agent.Availability == AgentAvailability.NotReady && agent.Work == AgentWorkState.Idle)
            {
                notReadyIdle += running;
            }
        }

        var busy = work[(int)AgentWorkState.OnCallInbound] + work[(int)AgentWorkState.OnCallOutbound]
            + work[(int)AgentWorkState.OnHold] + work[(int)AgentWorkState.WrapUp];
        var available = availability[(int)AgentAvailability.Ready] + availability[(int)AgentAvailability.NotReady] - notReadyIdle;

        return new AgentSnapshot
        {
            AgentId = agent.Id,
            Availability = agent.Availability,
            NotReadyReason = agent.NotReadyReason,
            Work = agent.Work,
            CallId = agent.Call?.CallId,
            InStateFor = TimeSpan.FromTicks(running),
            CallsOffered = agent.CallsOffered,
            CallsAnswered = agent.CallsAnswered,
            CallsUnanswered = agent.CallsUnanswered,
            TalkTime = TimeSpan.FromTicks(agent.TalkTicks),
            HoldTime = TimeSpan.FromTicks(agent.HoldTicks),
            WrapUpTime = TimeSpan.FromTicks(agent.WrapTicks),
            TimeByAvailability = Enum.GetValues<AgentAvailability>().ToDictionary(a => a, a => TimeSpan.FromTicks(availability[(int)a])),
            TimeByWorkState = Enum.GetValues<AgentWorkState>().ToDictionary(w => w, w => TimeSpan.FromTicks(work[(int)w])),
            Occupancy = available <= 0 ? 0 : (double)busy / available,
        };
    }
}
