using Cti.Routing.Statistics;

namespace Cti.Acd;

/// <summary>Live state and counters of one agent, as returned by the API.</summary>
internal sealed record AgentStateView(
    string Availability,
    string Work,
    string? Reason,
    string? CallId,
    double InStateSeconds,
    IReadOnlyDictionary<string, double> SecondsByAvailability,
    IReadOnlyDictionary<string, double> SecondsByWorkState,
    long CallsOffered,
    long CallsAnswered,
    long CallsUnanswered,
    double TalkTimeSeconds,
    double HoldTimeSeconds,
    double WrapUpTimeSeconds,
    double Occupancy)
{
    public static AgentStateView From(AgentSnapshot a) => new(
        RoutingMetrics.Label(a.Availability),
        RoutingMetrics.Label(a.Work),
        a.NotReadyReason,
        a.CallId,
        a.InStateFor.TotalSeconds,
        a.TimeByAvailability.ToDictionary(p => RoutingMetrics.Label(p.Key), p => p.Value.TotalSeconds),
        a.TimeByWorkState.ToDictionary(p => RoutingMetrics.Label(p.Key), p => p.Value.TotalSeconds),
        a.CallsOffered,
        a.CallsAnswered,
        a.CallsUnanswered,
        a.TalkTime.TotalSeconds,
        a.HoldTime.TotalSeconds,
        a.WrapUpTime.TotalSeconds,
        a.Occupancy);
}
