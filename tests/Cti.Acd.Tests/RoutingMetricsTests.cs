using System.Text;
using Cti.Acd;
using Cti.Routing.Agents;
using Cti.Routing.Statistics;
using Prometheus;

namespace Cti.Acd.Tests;

public sealed class RoutingMetricsTests
{
    private static readonly double[] Bounds = RoutingMetrics.BucketsSeconds;

    private static HistogramSnapshot Histogram(double sum, params (int Bucket, long Count)[] counts)
    {
        var perBucket = new long[Bounds.Length + 1];
        foreach (var (bucket, count) in counts)
        {
            perBucket[bucket] = count;
        }

        return new HistogramSnapshot(Bounds, perBucket, sum, perBucket.Sum());
    }

    private static RoutingSnapshot Snapshot(long offered, HistogramSnapshot wait) => new()
    {
        Queues =
        [
            new QueueSnapshot
            {
                QueueId = "support",
                Waiting = 2,
                Offered = offered,
                Answered = wait.Count,
                WaitTime = wait,
                HandleTime = Histogram(0),
            },
        ],
        Agents =
        [
            new AgentSnapshot
            {
                AgentId = "1001",
                Availability = AgentAvailability.Ready,
                Work = AgentWorkState.OnCallInbound,
                Occupancy = 0.5,
                TimeByAvailability = new Dictionary<AgentAvailability, TimeSpan>(),
                TimeByWorkState = new Dictionary<AgentWorkState, TimeSpan>(),
            },
        ],
        AgentsByState = [],
    };

    private static async Task<string> ScrapeAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public async Task Update_CountersAndHistograms_FollowSnapshotsAndNeverDecrease()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var metrics = new RoutingMetrics(Prometheus.Metrics.WithCustomRegistry(registry));

        // Two answered calls: one waited ≤ 5 s, one ≤ 20 s.
        metrics.Update(Snapshot(3, Histogram(17, (0, 1), (2, 1))));
        // One more within 10 s; then a snapshot with a lower count (queue replaced) must not lower the counter.
        metrics.Update(Snapshot(4, Histogram(25, (0, 1), (1, 1), (2, 1))));
        metrics.Update(Snapshot(1, Histogram(25, (0, 1), (1, 1), (2, 1))));
        var text = await ScrapeAsync(registry);

        Assert.Contains("cti_acd_calls_offered_total{queue=\"support\"} 4", text, StringComparison.Ordinal);
        Assert.Contains("cti_acd_waiting_calls{queue=\"support\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("cti_acd_wait_seconds_bucket{queue=\"support\",le=\"5\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("cti_acd_wait_seconds_bucket{queue=\"support\",le=\"10\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("cti_acd_wait_seconds_bucket{queue=\"support\",le=\"20\"} 3", text, StringComparison.Ordinal);
        Assert.Contains("cti_acd_wait_seconds_count{queue=\"support\"} 3", text, StringComparison.Ordinal);
        Assert.Contains("cti_acd_agents{state=\"ready\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("cti_acd_agents_working{state=\"on_call_inbound\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("cti_acd_occupancy_ratio 0.5", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_InfiniteBucketGrowth_SumMatchesEngineSum()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var metrics = new RoutingMetrics(Prometheus.Metrics.WithCustomRegistry(registry));

        // One call in the 5 s bucket and one beyond 1800 s; the engine's sum is 3 + 2000.
        metrics.Update(Snapshot(2, Histogram(2003, (0, 1), (Bounds.Length, 1))));
        var text = await ScrapeAsync(registry);

        Assert.Contains("cti_acd_wait_seconds_sum{queue=\"support\"} 2003", text, StringComparison.Ordinal);
        Assert.Contains("cti_acd_wait_seconds_bucket{queue=\"support\",le=\"1800\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("cti_acd_wait_seconds_bucket{queue=\"support\",le=\"+Inf\"} 2", text, StringComparison.Ordinal);
    }
}
