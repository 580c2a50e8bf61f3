using BenchmarkDotNet.Running;
using Cti.Routing.Benchmarks;

if (args.Contains("--measure"))
{
    LatencyMeasurement.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(RoutingWorld).Assembly).Run(args);
