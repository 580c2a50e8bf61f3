using Cti.Routing.Strategies;

namespace Cti.Routing.Config;

/// <summary>Immutable configuration of one inbound queue.</summary>
public sealed record QueueConfig(string Id)
{
    /// <summary>Display name; defaults to the id.</summary>
    public string? Name { get; init; }

    /// <summary>Higher-priority queues win when an agent serving several queues becomes free.</summary>
    public int Priority { get; init; }

    /// <summary>Name of the routing strategy, one of <see cref="RoutingStrategies"/>.</summary>
    public string Strategy { get; init; } = RoutingStrategies.LongestIdle;

    /// <summary>Every one of these skills is required (AND) at level 0.</summary>
    public IReadOnlyList<SkillRequirement> RequiredSkills { get; init; } = [];

    /// <summary>Timed escalation steps, in ascending order of <see cref="EscalationStep.After"/>.</summary>
    public IReadOnlyList<EscalationStep> Escalation { get; init; } = [];

    /// <summary>Longest time a call may wait; null means unlimited.</summary>
    public TimeSpan? MaxWait { get; init; }

    /// <summary>Target for calls that exceed <see cref="MaxWait"/>.</summary>
    public OverflowTarget MaxWaitTarget { get; init; } = OverflowTarget.Voicemail;

    /// <summary>Maximum calls in the queue (waiting or ringing); 0 means unlimited.</summary>
    public int MaxLength { get; init; }

    /// <summary>Whether a call may join while no member is logged in.</summary>
    public bool JoinWhenEmpty { get; init; } = true;

    /// <summary>Whether waiting calls leave when the last member logs out.</summary>
    public bool LeaveWhenEmpty { get; init; }

    /// <summary>Target for calls refused because the queue is full or empty.</summary>
    public OverflowTarget OverflowTarget { get; init; } = OverflowTarget.Voicemail;

    /// <summary>After-call work time; an agent may override it.</summary>
    public TimeSpan WrapUpTime { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one offer rings before it counts as unanswered.</summary>
    public TimeSpan RingTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>After this many consecutive unanswered offers the agent goes NotReady "no-answer"; 0 disables.</summary>
    public int NoAnswerLimit { get; init; } = 3;

    /// <summary>Answer-time threshold of the service level.</summary>
    public TimeSpan ServiceLevelThreshold { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Callers hanging up sooner than this are counted as short abandons.</summary>
    public TimeSpan ShortAbandonThreshold { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether to announce position and estimated wait when a call joins.</summary>
    public bool AnnouncePosition { get; init; }

    /// <summary>Repeat the announcement at this interval while waiting; null announces only on joining.</summary>
    public TimeSpan? AnnounceInterval { get; init; }
}
