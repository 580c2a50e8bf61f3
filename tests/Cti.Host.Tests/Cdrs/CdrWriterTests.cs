using Cti.Cdrs;
using Cti.Events;
using Cti.Host.Tests.Events;
using Microsoft.Data.Sqlite;

namespace Cti.Host.Tests.Cdrs;

public sealed class CdrWriterTests
{
    private static (CdrWriter Writer, SqliteCdrStore Store, CdrMetrics Metrics) Create(EventLogRig rig)
    {
        var metrics = new CdrMetrics(Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry()));
        return (new CdrWriter(rig.Writer, metrics), new SqliteCdrStore(rig.Database), metrics);
    }

    private static CtiEvent Ended(Cdr cdr) => new(CtiEventTypes.CallEnded) { CallId = cdr.CallId };

    [Fact]
    public async Task WriteAsync_CdrAndFinalEvents_CommittedTogetherAndReadBackEqual()
    {
        await using var rig = await EventLogRig.StartAsync();
        var (writer, store, metrics) = Create(rig);
        var cdr = CdrSamples.Answered("call-1", 0);

        var records = await writer.WriteAsync(cdr, [Ended(cdr), CdrEvents.Written(cdr)]);

        Assert.Equal([(1L, "call.ended"), (2L, "cdr.written")], records.Select(r => (r.Seq, r.Type)));
        var stored = store.Get("call-1");
        Assert.NotNull(stored);
        Assert.Equal(cdr with { Transfers = [], RecordingGaps = [] }, stored with { Transfers = [], RecordingGaps = [] });
        Assert.Equal(cdr.Transfers, stored.Transfers);
        Assert.Equal(cdr.RecordingGaps, stored.RecordingGaps);
        Assert.Equal("sale", stored.WrapUpCode);
        Assert.Equal(1, metrics.WrittenCount(CdrDisposition.Answered, CallDirection.Inbound));
        Assert.Contains("\"disposition\":\"answered\"", records[1].Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_DuplicateCallId_NeitherCdrNorEventsKeptAndNoSeqGap()
    {
        await using var rig = await EventLogRig.StartAsync();
        var (writer, store, metrics) = Create(rig);
        var cdr = CdrSamples.Answered("call-1", 0);
        await writer.WriteAsync(cdr, [Ended(cdr)]);

        var duplicate = cdr with { Disposition = CdrDisposition.Failed };
        await Assert.ThrowsAsync<SqliteException>(() => writer.WriteAsync(duplicate, [Ended(duplicate), CdrEvents.Written(duplicate)]));
        var next = await rig.Writer.PublishAsync(new CtiEvent(CtiEventTypes.AgentState));

        Assert.Equal(2, next.Seq);
        Assert.Equal(["call.ended", "agent.state"], rig.Store.ReadAfter(0, 10).Select(r => r.Type));
        Assert.Equal(CdrDisposition.Answered, store.Get("call-1")!.Disposition);
        Assert.Equal(0, metrics.WrittenCount(CdrDisposition.Failed, CallDirection.Inbound));
    }

    [Fact]
    public async Task SubmitAsync_FailureAfterCdrInsert_CdrRolledBackWithEvents()
    {
        await using var rig = await EventLogRig.StartAsync();
        var (_, store, _) = Create(rig);
        var cdr = CdrSamples.Abandoned("call-2", 0);

        await Assert.ThrowsAsync<InvalidOperationException>(() => rig.Writer.SubmitAsync([Ended(cdr)], (connection, transaction) =>
        {
            SqliteCdrStore.Insert(connection, transaction, cdr);
            throw new InvalidOperationException("simulated failure after the CDR row");
        }));

        Assert.Null(store.Get("call-2"));
        Assert.Empty(rig.Store.ReadAfter(0, 10));
    }

    [Fact]
    public async Task WriteAsync_EndBeforeStartAndEmptyId_ArgumentExceptionListsBoth()
    {
        await using var rig = await EventLogRig.StartAsync();
        var (writer, _, _) = Create(rig);
        var bad = CdrSamples.Abandoned(" ", 0) with { EndAt = CdrSamples.Base.AddMinutes(-1) };

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync(bad, []));

        Assert.Contains("CallId", exception.Message, StringComparison.Ordinal);
        Assert.Contains("EndAt", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TimedOut", "timed-out")]
    [InlineData("NoAnswer", "no-answer")]
    [InlineData("InvalidNumber", "invalid-number")]
    [InlineData("NetworkFailure", "network-failure")]
    public void Wire_Disposition_KebabCaseRoundTrips(string name, string wire)
    {
        var disposition = Enum.Parse<CdrDisposition>(name);
        Assert.Equal(wire, CdrWire.Name(disposition));
        Assert.True(CdrWire.TryParse<CdrDisposition>(wire, out var parsed));
        Assert.Equal(disposition, parsed);
    }
}
