using System.Text.Json;
using System.Text.Json.Nodes;
using Cti.Events;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Cti.Host.Tests.Events;

public sealed class EventWriterTests
{
    private readonly ITestOutputHelper _output;

    public EventWriterTests(ITestOutputHelper output) => _output = output;

    private static CtiEvent Agent(string agent, int index) =>
        new(CtiEventTypes.AgentState, new JsonObject { ["state"] = "ready", ["index"] = index }) { AgentId = agent };

    [Fact]
    public async Task PublishAsync_AcrossRestart_SequenceContinuesFromMax()
    {
        var directory = Directory.CreateTempSubdirectory("cti-events-").FullName;
        var first = new List<long>();
        await using (var rig = await EventLogRig.StartAsync(directory))
        {
            for (var i = 0; i < 3; i++)
            {
                first.Add((await rig.Writer.PublishAsync(Agent("1001", i))).Seq);
            }
        }

        await using var again = await EventLogRig.StartAsync(directory);
        var second = new[] { (await again.Writer.PublishAsync(Agent("1001", 3))).Seq, (await again.Writer.PublishAsync(Agent("1001", 4))).Seq };

        Assert.Equal([1L, 2L, 3L], first);
        Assert.Equal([4L, 5L], second);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], again.Store.ReadAfter(0, 100).Select(r => r.Seq));
    }

    [Fact]
    public async Task Publish_ConcurrentPublishers_NoGapsAndEachPublishersOrderKept()
    {
        const int Publishers = 4;
        const int PerPublisher = 300;
        await using var rig = await EventLogRig.StartAsync(maxBatch: 64);
        using var live = rig.Broadcaster.Subscribe((Publishers * PerPublisher) + 1);

        await Task.WhenAll(Enumerable.Range(0, Publishers).Select(p => Task.Run(async () =>
        {
            for (var i = 0; i < PerPublisher; i++)
            {
                if (i % 3 == 0)
                {
                    await rig.Writer.PublishAsync(Agent("agent" + p, i));
                }
                else
                {
                    rig.Writer.Publish(Agent("agent" + p, i));
                }
            }
        })));
        var last = await rig.Writer.PublishAsync(new CtiEvent(CtiEventTypes.CallEnded));

        var stored = rig.Store.ReadAfter(0, 10_000);
        Assert.Equal(Enumerable.Range(1, (Publishers * PerPublisher) + 1).Select(i => (long)i), stored.Select(r => r.Seq));
        Assert.Equal(last.Seq, stored[^1].Seq);
        foreach (var group in stored.SkipLast(1).GroupBy(r => AgentOf(r)))
        {
            Assert.Equal(Enumerable.Range(0, PerPublisher), group.Select(IndexOf));
        }

        var seen = new List<long>();
        while (live.Reader.TryRead(out var record))
        {
            seen.Add(record.Seq);
        }

        Assert.Equal(stored.Select(r => r.Seq), seen);
        Assert.Equal(Publishers * PerPublisher, rig.Metrics.PublishedCount(CtiEventTypes.AgentState));
    }

    [Fact]
    public async Task PublishAsync_SubscriberReceives_EventAlreadyInStore()
    {
        await using var rig = await EventLogRig.StartAsync();
        using var live = rig.Broadcaster.Subscribe(16);

        rig.Writer.Publish(Agent("1001", 0));
        var record = await live.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(record.Json, Assert.Single(rig.Store.ReadAfter(record.Seq - 1, 1)).Json);
    }

    [Fact]
    public async Task WriteBatch_MiddleRequestFails_OthersCommitWithConsecutiveSeqAndFailureFaults()
    {
        await using var rig = await EventLogRig.StartAsync();
        await rig.Writer.StopAsync(CancellationToken.None); // drive batches by hand
        var ok1 = new TaskCompletionSource<IReadOnlyList<EventRecord>>();
        var bad = new TaskCompletionSource<IReadOnlyList<EventRecord>>();
        var ok2 = new TaskCompletionSource<IReadOnlyList<EventRecord>>();

        rig.Writer.WriteBatch(
        [
            new EventWriteRequest([Agent("a", 0)], null, ok1),
            new EventWriteRequest([Agent("b", 0), Agent("b", 1)], (c, t) => Execute(c, t, "INSERT INTO no_such_table VALUES (1);"), bad),
            new EventWriteRequest([Agent("c", 0)], null, ok2),
        ]);

        Assert.Equal(1, Assert.Single(await ok1.Task).Seq);
        Assert.Equal(2, Assert.Single(await ok2.Task).Seq);
        await Assert.ThrowsAsync<SqliteException>(() => bad.Task);
        Assert.Equal(["a", "c"], rig.Store.ReadAfter(0, 10).Select(AgentOf));
    }

    [Fact]
    public async Task SubmitAsync_InTransactionWorkThrowsAfterWriting_NothingKept()
    {
        await using var rig = await EventLogRig.StartAsync();
        await rig.Writer.PublishAsync(Agent("a", 0));

        await Assert.ThrowsAsync<InvalidOperationException>(() => rig.Writer.SubmitAsync([Agent("b", 0)], (c, t) =>
        {
            Execute(c, t, "INSERT INTO events (seq, type, at, json) VALUES (999, 'x', '2026-01-01T00:00:00.000Z', '{}');");
            throw new InvalidOperationException("downstream failure");
        }));
        var next = await rig.Writer.PublishAsync(Agent("c", 0));

        Assert.Equal(2, next.Seq);
        Assert.Equal([1L, 2L], rig.Store.ReadAfter(0, 10).Select(r => r.Seq));
    }

    [Fact]
    public async Task PublishAsync_EventJson_HasEnvelopeFields()
    {
        await using var rig = await EventLogRig.StartAsync();

        var record = await rig.Writer.PublishAsync(new CtiEvent(CtiEventTypes.CallQueued, new JsonObject { ["position"] = 2 })
        {
            CallId = "c-1",
            Queue = "sales",
        });

        using var json = JsonDocument.Parse(record.Json);
        var root = json.RootElement;
        Assert.Equal("1.0", root.GetProperty("specversion").GetString());
        Assert.Equal("1", root.GetProperty("id").GetString());
        Assert.Equal("/cti/test-node", root.GetProperty("source").GetString());
        Assert.Equal("com.cti.call.queued", root.GetProperty("type").GetString());
        Assert.Equal(DateTimeOffset.Parse("2026-03-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), root.GetProperty("time").GetDateTimeOffset());
        Assert.Equal("c-1", root.GetProperty("subject").GetString());
        Assert.Equal("application/json", root.GetProperty("datacontenttype").GetString());
        Assert.Equal("c-1", root.GetProperty("callid").GetString());
        Assert.Equal("sales", root.GetProperty("queue").GetString());
        Assert.False(root.TryGetProperty("agentid", out _));
        Assert.Equal(2, root.GetProperty("data").GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task Publish_BurstOf20000_AllCommittedInGroupsAndRateReported()
    {
        const int Count = 20_000;
        await using var rig = await EventLogRig.StartAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        for (var i = 0; i < Count - 1; i++)
        {
            rig.Writer.Publish(Agent("1001", i));
        }

        var last = await rig.Writer.PublishAsync(Agent("1001", Count - 1));
        clock.Stop();

        Assert.Equal(Count, last.Seq);
        Assert.Equal(Count, rig.Store.MaxSeq());
        _output.WriteLine($"{Count} events committed in {clock.ElapsedMilliseconds} ms ({Count / clock.Elapsed.TotalSeconds:F0} events/s)");
    }

    private static string AgentOf(EventRecord record)
    {
        using var json = JsonDocument.Parse(record.Json);
        return json.RootElement.GetProperty("agentid").GetString()!;
    }

    private static int IndexOf(EventRecord record)
    {
        using var json = JsonDocument.Parse(record.Json);
        return json.RootElement.GetProperty("data").GetProperty("index").GetInt32();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
