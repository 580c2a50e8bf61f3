using Cti.Routing.Agents;
using Cti.Routing.Config;
using Cti.Routing.Engine;
using Cti.Routing.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Routing.Tests.Engine;

public class AcdEngineTests
{
    private static async Task<T> ReadUntil<T>(AcdEngine engine, List<AcdOutput> seen)
        where T : AcdOutput
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var output = await engine.Outputs.ReadAsync(guard.Token);
            seen.Add(output);
            if (output is T match)
            {
                return match;
            }
        }
    }

    [Fact]
    public async Task RunAsync_PostedCommandsAndFakeTime_ProducesDecisionsAndRingTimeout()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        var engine = new AcdEngine(DemoRoutingConfig.Create(), new InMemoryRoutingStateStore(), time, NullLogger<AcdEngine>.Instance);
        using var cts = new CancellationTokenSource();
        var loop = engine.RunAsync(cts.Token);
        var seen = new List<AcdOutput>();

        Assert.True(engine.Post(new AgentStateRequest("1001", AgentRequestKind.Login)));
        Assert.True(engine.Post(new CallArrived("c1", "support", "+4930123456")));
        var offer = await ReadUntil<OfferCall>(engine, seen);
        var snapshot = await engine.GetSnapshotAsync();

        Assert.Equal(("c1", "1001"), (offer.CallId, offer.AgentId));
        Assert.Equal(1, snapshot.Queues[0].Waiting);
        Assert.Equal(0, engine.AgentsFreeForOutbound);

        time.Advance(TimeSpan.FromSeconds(20));
        var stop = await ReadUntil<StopRinging>(engine, seen);
        Assert.Equal(StopRingingReason.RingTimeout, stop.Reason);

        var errors = await engine.ApplyConfigAsync(DemoRoutingConfig.Create() with { Skills = [] });
        Assert.NotEmpty(errors);
        Assert.Empty(await engine.ApplyConfigAsync(DemoRoutingConfig.Create()));

        await cts.CancelAsync();
        await loop;
        Assert.Equal(seen.Select(o => o.Sequence).Order(), seen.Select(o => o.Sequence));
    }

    [Fact]
    public async Task Restart_NewEngineOverSameStore_ContinuesRoundRobin()
    {
        var store = new InMemoryRoutingStateStore();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

        async Task<List<string>> RunEngine(params string[] callIds)
        {
            var engine = new AcdEngine(DemoRoutingConfig.Create(), store, time, NullLogger<AcdEngine>.Instance);
            using var cts = new CancellationTokenSource();
            var loop = engine.RunAsync(cts.Token);
            foreach (var agent in new[] { "1001", "1002", "1003", "1004", "1005" })
            {
                engine.Post(new AgentStateRequest(agent, AgentRequestKind.Login));
            }

            var offered = new List<string>();
            var seen = new List<AcdOutput>();
            foreach (var callId in callIds)
            {
                engine.Post(new CallArrived(callId, "support"));
                var offer = await ReadUntil<OfferCall>(engine, seen);
                offered.Add(offer.AgentId);
                engine.Post(new OfferAnswered(callId, offer.AgentId));
                engine.Post(new CallEnded(callId));
            }

            await engine.GetSnapshotAsync();
            await cts.CancelAsync();
            await loop;
            return offered;
        }

        var before = await RunEngine("c1", "c2");
        var after = await RunEngine("c3", "c4");

        Assert.Equal(["1001", "1002"], before);
        Assert.Equal(["1003", "1004"], after);
    }

    [Fact]
    public void Constructor_InvalidConfig_ThrowsWithEveryError()
    {
        var bad = DemoRoutingConfig.Create() with { Skills = [], NotReadyReasons = [] };

        var ex = Assert.Throws<ArgumentException>(() =>
            new AcdEngine(bad, new InMemoryRoutingStateStore(), TimeProvider.System, NullLogger<AcdEngine>.Instance));

        Assert.Contains("no-answer", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unknown skill 'support'", ex.Message, StringComparison.Ordinal);
    }
}
