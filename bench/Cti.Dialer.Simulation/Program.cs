using System.Diagnostics;
using System.Globalization;
using Cti.Dialer.Simulation;

var options = new SimulationOptions();
var table = false;
var seeds = 3;
IReadOnlyList<string>? pacers = null;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--pacer": options = options with { Pacer = Next() }; break;
        case "--agents": options = options with { Agents = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
        case "--live-answer": options = options with { LiveAnswer = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
        case "--hours": options = options with { Hours = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
        case "--seed": options = options with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
        case "--ratio": options = options with { FixedRatio = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
        case "--amd-false-positive": options = options with { AmdFalsePositive = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
        case "--talk": options = options with { TalkMean = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
        case "--target": options = options with { AbandonTarget = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
        case "--cap": options = options with { AbandonCap = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
        case "--table": table = true; break;
        case "--seeds": seeds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--pacers": pacers = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]}");
            return 2;
    }
}

if (table)
{
    var watch = Stopwatch.StartNew();
    Console.WriteLine(SimulationTable.Render(options, seeds, pacers));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"table computed in {watch.Elapsed.TotalSeconds:0.0} s"));
    return 0;
}

var result = new DialerSimulator(options).Run();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"calls={result.Calls} live_answered={result.LiveAnswered} abandoned={result.Abandoned} agent_idle={result.AgentIdlePercent:0.0}% ofcom_rate={result.OfcomAbandonRate * 100:0.00}%"));
Console.WriteLine(result.SummaryLine());
return 0;
