using Cti.Acd;
using Cti.Platform.Storage;
using Cti.Routing.Agents;
using Cti.Routing.Config;
using Cti.Routing.Engine;
using Cti.Routing.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Acd.Tests;

public sealed class SqliteRoutingStateStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cti-routing-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS is left to the temp folder clean-up.
        }
    }

    private SqliteDatabase OpenDatabase() => new(_directory, NullLogger<SqliteDatabase>.Instance);

    private static SqliteRoutingStateStore Store(SqliteDatabase db) => new(db, NullLogger<SqliteRoutingStateStore>.Instance);

    private static AgentCounters Counters(long answered) =>
        new(answered + 1, answered, 1, TimeSpan.FromSeconds(answered * 60), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));

    [Fact]
    public void Save_BeforeFlush_OnlyInMemoryThenOneBatchWithLatestValues()
    {
        using var db = OpenDatabase();
        var store = Store(db);
        Assert.True(db.SchemaVersion >= 2);

        store.SaveRoundRobinPosition("support", "1001");
        store.SaveRoundRobinPosition("support", "1002");
        store.SaveAgentCounters("1001", Counters(1));
        store.SaveAgentCounters("1001", Counters(2));

        // Nothing in the database yet: a second store over the same database sees no rows.
        Assert.Empty(Store(db).Load().RoundRobinLastAgent);
        Assert.Equal(2, store.PendingWrites);
        // The writer's own Load already includes unflushed values.
        Assert.Equal("1002", store.Load().RoundRobinLastAgent["support"]);

        Assert.Equal(2, store.Flush());
        Assert.Equal(1, store.Batches);
        Assert.Equal(0, store.Flush());
        Assert.Equal(1, store.Batches);

        var loaded = Store(db).Load();
        Assert.Equal("1002", loaded.RoundRobinLastAgent["support"]);
        Assert.Equal(Counters(2), loaded.AgentCounters["1001"]);
    }

    [Fact]
    public async Task Flusher_EveryInterval_WritesPendingChangesAndFlushesOnStop()
    {
        using var db = OpenDatabase();
        var store = Store(db);
        var clock = new FakeTimeProvider();
        using var flusher = new RoutingStateFlusher(store, clock);
        await flusher.StartAsync(CancellationToken.None);

        store.SaveRoundRobinPosition("support", "1003");
        Assert.Equal(0, store.Batches);

        // ExecuteAsync starts on the thread pool, so keep advancing until its timer exists and fires.
        await Eventually.AssertAsync(
            () =>
            {
                clock.Advance(RoutingStateFlusher.Interval);
                return store.Batches == 1;
            },
            TimeSpan.FromSeconds(5),
            "a periodic flush");
        Assert.Equal("1003", Store(db).Load().RoundRobinLastAgent["support"]);

        store.SaveRoundRobinPosition("support", "1004");
        await flusher.StopAsync(CancellationToken.None);

        Assert.Equal(2, store.Batches);
        Assert.Equal("1004", Store(db).Load().RoundRobinLastAgent["support"]);
    }

    [Fact]
    public async Task Restart_RoundRobin_ContinuesWithTheNextAgent()
    {
        var first = await OfferOneCallAsync("call-1");
        var second = await OfferOneCallAsync("call-2");
        var third = await OfferOneCallAsync("call-3");

        // Each lifetime starts with all five agents ready; without the stored position each would pick the same agent.
        Assert.Equal("1001", first);
        Assert.Equal("1002", second);
        Assert.Equal("1003", third);
    }

    /// <summary>One engine lifetime over the database file: log everyone in, route one call, stop and flush.</summary>
    private async Task<string> OfferOneCallAsync(string callId)
    {
        using var db = OpenDatabase();
        var store = Store(db);
        var engine = new AcdEngine(DemoRoutingConfig.Create(), store, TimeProvider.System, NullLogger<AcdEngine>.Instance);
        using var stop = new CancellationTokenSource();
        var loop = engine.RunAsync(stop.Token);
        foreach (var agent in DemoRoutingConfig.Create().Agents)
        {
            engine.Post(new AgentStateRequest(agent.Id, AgentRequestKind.Login));
            engine.Post(new AgentStateRequest(agent.Id, AgentRequestKind.Ready));
        }

        engine.Post(new CallArrived(callId, DemoRoutingConfig.SupportQueueId));
        string? offeredTo = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var output in engine.Outputs.ReadAllAsync(timeout.Token))
        {
            if (output is OfferCall offer)
            {
                offeredTo = offer.AgentId;
                break;
            }
        }

        await stop.CancelAsync();
        await loop;
        store.Flush();
        return offeredTo ?? throw new InvalidOperationException("No offer was made.");
    }
}
