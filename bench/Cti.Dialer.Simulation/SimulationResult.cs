using System.Globalization;

namespace Cti.Dialer.Simulation;

/// <summary>Figures of one simulated shift.</summary>
public sealed record SimulationResult(
    string Pacer,
    int Agents,
    double LiveAnswer,
    double TalkWrapMinutesPerAgentHour,
    double AgentIdlePercent,
    double AbandonRate,
    double OfcomAbandonRate,
    long Calls,
    long LiveAnswered,
    long Abandoned)
{
    public string SummaryLine() => string.Create(
        CultureInfo.InvariantCulture,
        $"pacer={Pacer} agents={Agents} live_answer={LiveAnswer:0.###} talk_wrap_min_per_agent_hour={TalkWrapMinutesPerAgentHour:0.0} abandon_rate={AbandonRate * 100:0.00}% calls={Calls}");
}
