using Cti.Events;
using Cti.Platform.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prometheus;
using Cti.Platform.Streaming;

namespace Cti.Host.Tests.Events;

/// <summary>The event log without a host: a real SQLite file, the writer loop running, a fake clock.</summary>
internal sealed class EventLogRig : IAsyncDisposable
{
    private EventLogRig(string directory, FakeTimeProvider time, int maxBatch)
    {
        Directory = directory;
        Time = time;
        Database = new SqliteDatabase(directory, NullLogger<SqliteDatabase>.Instance);
        Store = new SqliteEventStore(Database);
        Broadcaster = new Fanout<EventRecord>(r => r.Seq, Store.MaxSeq());
        Metrics = new EventMetrics(Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry()));
        Writer = new EventWriter(
            Database,
            Broadcaster,
            Metrics,
            Microsoft.Extensions.Options.Options.Create(new EventsOptions { MaxBatchSize = maxBatch }),
            Microsoft.Extensions.Options.Options.Create(new Cti.Platform.Hosting.PlatformOptions { NodeId = "test-node" }),
            time,
            NullLogger<EventWriter>.Instance);
    }

    public string Directory { get; }

    public FakeTimeProvider Time { get; }

    public SqliteDatabase Database { get; }

    public SqliteEventStore Store { get; }

    public Fanout<EventRecord> Broadcaster { get; }

    public EventMetrics Metrics { get; }

    public EventWriter Writer { get; }

    public static async Task<EventLogRig> StartAsync(string? directory = null, FakeTimeProvider? time = null, int maxBatch = 512)
    {
        directory ??= System.IO.Directory.CreateTempSubdirectory("cti-events-").FullName;
        var rig = new EventLogRig(directory, time ?? new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero)), maxBatch);
        await rig.Writer.StartAsync(CancellationToken.None);
        return rig;
    }

    public async ValueTask DisposeAsync()
    {
        await Writer.StopAsync(CancellationToken.None);
        Writer.Dispose();
        Database.Dispose();
    }
}
