using BenchmarkDotNet.Attributes;

namespace Cti.Routing.Benchmarks;

/// <summary>10,000 agents, 1,000 queues, 100,000 waiting calls; all agents busy.</summary>
[MemoryDiagnoser]
public class RoutingDecisionBenchmarks
{
    private RoutingWorld _world = null!;

    [GlobalSetup]
    public void Setup()
    {
        _world = new RoutingWorld(agents: 10_000, queues: 1_000, waiting: 100_000);
        _world.Fill();
    }

    /// <summary>Call ends → best waiting call over the agent's queues is chosen and offered.</summary>
    [Benchmark(Baseline = true)]
    public int RoutingDecision()
    {
        var outputs = _world.EndNextCall(out _);
        var n = outputs.Count;
        _world.CompleteCycle(outputs);
        return n;
    }

    /// <summary>Full cycle of three commands (end + answer + arrival): 3 core events per operation.</summary>
    [Benchmark(OperationsPerInvoke = 3)]
    public void EngineEventsThroughCore() => _world.Cycle();
}
