using Cti.Routing.Config;
using Cti.Routing.Engine.State;
using Cti.Routing.Persistence;
using Cti.Routing.Queues;

namespace Cti.Routing.Agents;

/// <summary>Live state of one agent, owned by the routing core.</summary>
internal sealed class AgentState(AgentConfig config, int index)
{
    public AgentConfig Config { get; set; } = config;

    public string Id => Config.Id;

    public int Index { get; } = index;

    public AgentAvailability Availability { get; set; }

    public string? NotReadyReason { get; set; }

    public AgentWorkState Work { get; set; }

    /// <summary>The call the agent is reserved for, ringing with, talking on or wrapping up.</summary>
    public CallState? Call { get; set; }

    public Membership[] Memberships { get; set; } = [];

    public bool InReadyIndex { get; set; }

    public bool Removed { get; set; }

    public long IdleSinceTicks { get; set; }

    public long StateSinceTicks { get; set; }

    public int ConsecutiveUnanswered { get; set; }

    public int WrapToken { get; set; }

    /// <summary>Queue whose wrap-up is running, for statistics.</summary>
    public QueueState? WrapQueue { get; set; }

    public long WrapStartedTicks { get; set; }

    public long ReservedAtTicks { get; set; }

    /// <summary>Talk plus hold of the call being wrapped up, for the handle-time sample.</summary>
    public long LastTalkHoldTicks { get; set; }

    /// <summary>Returning callers held for this agent by last-agent routing.</summary>
    public List<CallState> TargetedCalls { get; } = [];

    public long CallsOffered { get; set; }

    public long CallsAnswered { get; set; }

    public long CallsUnanswered { get; set; }

    public long TalkTicks { get; set; }

    public long HoldTicks { get; set; }

    public long WrapTicks { get; set; }

    /// <summary>Time accumulated per availability (indexed by <see cref="AgentAvailability"/>).</summary>
    public long[] AvailabilityTicks { get; } = new long[3];

    /// <summary>Time accumulated per work state while logged in (indexed by <see cref="AgentWorkState"/>).</summary>
    public long[] WorkTicks { get; } = new long[6];

    /// <summary>Time NotReady while idle: the part of logged-in time excluded from occupancy.</summary>
    public long NotReadyIdleTicks { get; set; }

    public bool IsReadyIdle => Availability == AgentAvailability.Ready && Work == AgentWorkState.Idle && !Removed;

    public bool IsLoggedIn => Availability != AgentAvailability.LoggedOut;

    /// <summary>Adds the time since the last change to the current state buckets.</summary>
    public void Accumulate(long nowTicks)
    {
        var elapsed = nowTicks - StateSinceTicks;
        if (elapsed <= 0)
        {
            StateSinceTicks = nowTicks;
            return;
        }

        AvailabilityTicks[(int)Availability] += elapsed;
        if (IsLoggedIn)
        {
            WorkTicks[(int)Work] += elapsed;
            if (Availability == AgentAvailability.NotReady && Work == AgentWorkState.Idle)
            {
                NotReadyIdleTicks += elapsed;
            }
        }

        StateSinceTicks = nowTicks;
    }

    public AgentCounters ToCounters() =>
        new(CallsOffered, CallsAnswered, CallsUnanswered, TimeSpan.FromTicks(TalkTicks), TimeSpan.FromTicks(HoldTicks), TimeSpan.FromTicks(WrapTicks));

    public void Restore(AgentCounters counters)
    {
        CallsOffered = counters.CallsOffered;
        CallsAnswered = counters.CallsAnswered;
        CallsUnanswered = counters.CallsUnanswered;
        TalkTicks = counters.TalkTime.Ticks;
        HoldTicks = counters.HoldTime.Ticks;
        WrapTicks = counters.WrapUpTime.Ticks;
    }
}
