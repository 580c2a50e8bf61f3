using System.Globalization;
using System.Text;

namespace Cti.Dialer.Simulation;

/// <summary>Runs every pacer for 10/20/50/100 agents at 15/25/40 % live answer and renders a markdown table.</summary>
public static class SimulationTable
{
    public static IReadOnlyList<string> PacerNames { get; } = ["preview", "progressive", "ratio", "adaptive", "predictive"];

    public static string Render(SimulationOptions baseOptions)
    {
        ArgumentNullException.ThrowIfNull(baseOptions);
        var rows = new List<(int Agents, double Live)>();
        foreach (var agents in new[] { 10, 20, 50, 100 })
        {
            foreach (var live in new[] { 0.15, 0.25, 0.40 })
            {
                rows.Add((agents, live));
            }
        }

        var results = new SimulationResult[rows.Count, PacerNames.Count];
        Parallel.For(0, rows.Count * PacerNames.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, index =>
        {
            var (agents, live) = rows[index / PacerNames.Count];
            var pacer = PacerNames[index % PacerNames.Count];
            results[index / PacerNames.Count, index % PacerNames.Count] =
                new DialerSimulator(baseOptions with { Agents = agents, LiveAnswer = live, Pacer = pacer }).Run();
        });

        var sb = new StringBuilder();
        sb.Append("| agents | live answer |");
        foreach (var p in PacerNames)
        {
            sb.Append(CultureInfo.InvariantCulture, $" {p} |");
        }

        sb.AppendLine(" predictive vs progressive |");
        sb.Append("|---:|---:|");
        foreach (var _ in PacerNames)
        {
            sb.Append("---|");
        }

        sb.AppendLine("---:|");
        for (var r = 0; r < rows.Count; r++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {rows[r].Agents} | {rows[r].Live * 100:0}% |");
            for (var p = 0; p < PacerNames.Count; p++)
            {
                var x = results[r, p];
                sb.Append(CultureInfo.InvariantCulture, $" {x.TalkWrapMinutesPerAgentHour:0.0} min, {x.AbandonRate * 100:0.00}% ab, {x.AgentIdlePercent:0}% idle, {x.Calls} calls |");
            }

            var gain = (results[r, 4].TalkWrapMinutesPerAgentHour / results[r, 1].TalkWrapMinutesPerAgentHour) - 1;
            sb.AppendLine(CultureInfo.InvariantCulture, $" {gain * 100:+0;-0}% |");
        }

        return sb.ToString();
    }
}
