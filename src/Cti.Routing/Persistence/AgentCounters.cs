namespace Cti.Routing.Persistence;

/// <summary>Per-agent counters that survive restarts (they feed fewest-calls and least-talk-time routing).</summary>
public sealed record AgentCounters(
    long CallsOffered,
    long CallsAnswered,
    long CallsUnanswered,
    TimeSpan TalkTime,
    TimeSpan HoldTime,
    TimeSpan WrapUpTime);
