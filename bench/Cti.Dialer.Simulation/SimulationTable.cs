using System.Globalization;
using System.Text;
using Cti.Dialer.Simulation.Baselines;

namespace Cti.Dialer.Simulation;

/// <summary>
/// Runs the pacers for 5–100 agents at 10–40 % live answer over several seeds and renders a markdown table of the mean
/// and worst talk + wrap minutes per agent-hour and abandon rate per cell.
/// </summary>
public static class SimulationTable
{
    public static IReadOnlyList<string> PacerNames { get; } = ["progressive", "ratio", "adaptive", PreviousPredictivePacer.PacerName, "predictive"];

    public static IReadOnlyList<int> AgentCounts { get; } = [5, 10, 20, 50, 100];

    public static IReadOnlyList<double> LiveAnswerRates { get; } = [0.10, 0.20, 0.30, 0.40];

    public static string Render(SimulationOptions baseOptions, int seeds, IReadOnlyList<string>? pacers = null)
    {
        ArgumentNullException.ThrowIfNull(baseOptions);
        ArgumentOutOfRangeException.ThrowIfLessThan(seeds, 1);
        pacers ??= PacerNames;
        var rows = new List<(int Agents, double Live)>();
        foreach (var agents in AgentCounts)
        {
            foreach (var live in LiveAnswerRates)
            {
                rows.Add((agents, live));
            }
        }

        var results = new SimulationResult[rows.Count, pacers.Count, seeds];
        Parallel.For(0, rows.Count * pacers.Count * seeds, new ParallelOptions { MaxDegreeOfParallelism = 2 }, index =>
        {
            var seed = index % seeds;
            var p = index / seeds % pacers.Count;
            var r = index / seeds / pacers.Count;
            var (agents, live) = rows[r];
            results[r, p, seed] = new DialerSimulator(baseOptions with
            {
                Agents = agents,
                LiveAnswer = live,
                Pacer = pacers[p],
                Seed = baseOptions.Seed + seed,
            }).Run();
        });

        var sb = new StringBuilder();
        sb.Append("| agents | live answer |");
        foreach (var p in pacers)
        {
            sb.Append(CultureInfo.InvariantCulture, $" {p} |");
        }

        sb.AppendLine();
        sb.Append("|---:|---:|");
        foreach (var _ in pacers)
        {
            sb.Append("---|");
        }

        sb.AppendLine();
        for (var r = 0; r < rows.Count; r++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {rows[r].Agents} | {rows[r].Live * 100:0}% |");
            for (var p = 0; p < pacers.Count; p++)
            {
                var cell = Enumerable.Range(0, seeds).Select(s => results[r, p, s]).ToList();
                var talk = cell.Average(x => x.TalkWrapMinutesPerAgentHour);
                var worstTalk = cell.Min(x => x.TalkWrapMinutesPerAgentHour);
                var abandon = cell.Average(x => x.AbandonRate) * 100;
                var worstAbandon = cell.Max(x => x.AbandonRate) * 100;
                sb.Append(CultureInfo.InvariantCulture, $" {talk:0.0} min ({worstTalk:0.0}), {abandon:0.00}% ({worstAbandon:0.00}%) |");
            }

            sb.AppendLine();
        }

        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Each cell: mean talk + wrap minutes per agent-hour (worst seed), mean abandon rate (worst seed) over {seeds} seeds from {baseOptions.Seed}, {baseOptions.Hours:0.#}-hour shifts, target {baseOptions.AbandonTarget * 100:0.0#} %, cap {baseOptions.AbandonCap * 100:0.0#} %.");
        return sb.ToString();
    }
}
