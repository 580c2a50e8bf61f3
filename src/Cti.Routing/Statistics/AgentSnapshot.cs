using Cti.Routing.Agents;

namespace Cti.Routing.Statistics;

/// <summary>Point-in-time state and cumulative figures of one agent.</summary>
public sealed record AgentSnapshot
{
    public required string AgentId { get; init; }

    public AgentAvailability Availability { get; init; }

    public string? NotReadyReason { get; init; }

    public AgentWorkState Work { get; init; }

    public string? CallId { get; init; }

    public TimeSpan InStateFor { get; init; }

    public long CallsOffered { get; init; }

    public long CallsAnswered { get; init; }

    public long CallsUnanswered { get; init; }

    public TimeSpan TalkTime { get; init; }

    public TimeSpan HoldTime { get; init; }

    public TimeSpan WrapUpTime { get; init; }

    /// <summary>Time spent per availability, keyed by <see cref="AgentAvailability"/>.</summary>
    public required IReadOnlyDictionary<AgentAvailability, TimeSpan> TimeByAvailability { get; init; }

    /// <summary>Logged-in time spent per work state, keyed by <see cref="AgentWorkState"/>.</summary>
    public required IReadOnlyDictionary<AgentWorkState, TimeSpan> TimeByWorkState { get; init; }

    /// <summary>(on call + hold + wrap-up) ÷ (logged in − NotReady while idle); 0 when the denominator is 0.</summary>
    public double Occupancy { get; init; }
}
