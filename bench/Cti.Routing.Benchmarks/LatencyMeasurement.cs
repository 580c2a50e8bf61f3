using System.Diagnostics;
using System.Globalization;

namespace Cti.Routing.Benchmarks;

/// <summary>
/// Plain Stopwatch measurements that BenchmarkDotNet does not give directly: per-decision percentiles,
/// sustained events/s and memory per agent and per waiting call.
/// </summary>
internal static class LatencyMeasurement
{
    public static void Run()
    {
        var culture = CultureInfo.InvariantCulture;

        // Memory: agents alone, then the waiting calls on top.
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var world = new RoutingWorld(agents: 10_000, queues: 1_000, waiting: 100_000);
        var afterAgents = GC.GetTotalMemory(forceFullCollection: true);
        world.Fill();
        var afterCalls = GC.GetTotalMemory(forceFullCollection: true);
        var waiting = world.Core.Queues.Sum(q => q.InQueue);
        var connected = world.Core.Calls.Count - waiting;
        Console.WriteLine(string.Format(culture, "memory: {0:F0} B per agent (incl. config and 1,000 queues), {1:F0} B per call ({2:N0} waiting + {3:N0} connected)",
            (afterAgents - before) / 10_000.0, (afterCalls - afterAgents) / (double)(waiting + connected), waiting, connected));

        // Warm-up past the ring timeout (20 s of simulated time = 2,000,000 commands) so that stale
        // timers are being popped and the timer heap has reached its steady-state size.
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < 800_000; i++)
        {
            world.Cycle();
            if (i % 100_000 == 99_999)
            {
                Console.WriteLine(string.Format(culture, "  warm-up {0:N0} cycles: {1:F2} µs/cycle, gen2 GCs {2}, pending timers {3:N0}",
                    i + 1, warm.Elapsed.TotalMicroseconds / 100_000, GC.CollectionCount(2), world.Core.PendingTimers));
                warm.Restart();
            }
        }

        const int decisions = 100_000;
        var samples = new long[decisions];
        var cpuSamples = new long[decisions];
        var offers = 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < decisions; i++)
        {
            var cpuStart = ThreadCpuClock.NowNanoseconds();
            var start = Stopwatch.GetTimestamp();
            var outputs = world.EndNextCall(out _);
            samples[i] = Stopwatch.GetTimestamp() - start;
            cpuSamples[i] = ThreadCpuClock.NowNanoseconds() - cpuStart;
            foreach (var o in outputs)
            {
                if (o is Engine.OfferCall)
                {
                    offers++;
                }
            }

            world.CompleteCycle(outputs);
        }

        var perCycleBytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)decisions;
        Array.Sort(samples);
        double Us(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
        Console.WriteLine(string.Format(culture,
            "decision latency over {0:N0} decisions ({1:N0} offers): mean {2:F2} µs, p50 {3:F2} µs, p99 {4:F2} µs, p99.9 {5:F2} µs, max {6:F1} µs; {7:F0} B allocated per cycle",
            decisions, offers, Us((long)samples.Average()), Us(samples[decisions / 2]), Us(samples[(int)(decisions * 0.99)]),
            Us(samples[(int)(decisions * 0.999)]), Us(samples[^1]), perCycleBytes));
        if (ThreadCpuClock.IsSupported)
        {
            Array.Sort(cpuSamples);
            Console.WriteLine(string.Format(culture,
                "decision thread-CPU time (excludes waiting for a core; includes ~1 clock read): mean {0:F2} µs, p50 {1:F2} µs, p99 {2:F2} µs, p99.9 {3:F2} µs",
                cpuSamples.Average() / 1000, cpuSamples[decisions / 2] / 1000.0, cpuSamples[(int)(decisions * 0.99)] / 1000.0, cpuSamples[(int)(decisions * 0.999)] / 1000.0));
        }

        Console.WriteLine(string.Format(culture, "waiting calls still queued: {0:N0}", world.Core.Queues.Sum(q => q.InQueue)));

        // Throughput: mixed commands (call end, answer, arrival) through the core for ~2 seconds.
        var commandsBefore = world.CommandsProcessed;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < 2_000)
        {
            for (var i = 0; i < 1_000; i++)
            {
                world.Cycle();
            }
        }

        var commands = world.CommandsProcessed - commandsBefore;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        // On a shared machine wall time includes time spent waiting for a core; CPU time does not
        // (it does include the GC's background work).
        Console.WriteLine(string.Format(culture, "throughput: {0:N0} commands/s wall clock, {1:N0} commands per CPU second ({2:N0} commands in {3:F2} s, {4:F2} s CPU)",
            commands / sw.Elapsed.TotalSeconds, commands / cpu.TotalSeconds, commands, sw.Elapsed.TotalSeconds, cpu.TotalSeconds));
    }
}
