using Cti.Platform.Metrics;
using Cti.Registrar;
using Cti.Platform.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Registrar.Tests;

public sealed class RegistrarEngineTests : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly string _directory = Directory.CreateTempSubdirectory("cti-engine-").FullName;
    private readonly CtiMetrics _metrics = new();
    private SqliteDatabase _database = null!;
    private RegistrarEngine _engine = null!;

    public async Task InitializeAsync()
    {
        _database = new SqliteDatabase(_directory, NullLogger<SqliteDatabase>.Instance);
        var store = new SqliteBindingStore(_database);
        store.ReplaceAor("1005", [new RegistrarBinding("1005", "sip:old@h", null, _time.GetUtcNow().AddSeconds(-5), "c", 1, "udp", "x", null, null)]);
        store.ReplaceAor("1004", [new RegistrarBinding("1004", "sip:kept@h", null, _time.GetUtcNow().AddSeconds(500), "c", 1, "udp", "x", null, null)]);
        _engine = new RegistrarEngine(new RegistrarState(new RegistrarOptions(), _time), store, _metrics, _time, NullLogger<RegistrarEngine>.Instance);
        await _engine.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await _engine.StopAsync(CancellationToken.None);

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Start_PersistedBindings_RestoresLiveOnesOnly()
    {
        var bindings = await _engine.SnapshotAsync(CancellationToken.None);

        Assert.Equal(["sip:kept@h"], bindings.Select(b => b.ContactUri));
        Assert.Equal(1, _metrics.BindingsActive.Value);
    }

    [Fact]
    public async Task Sweep_TimePassesExpiry_RemovesFromMemoryStoreAndGauges()
    {
        var result = await _engine.RegisterAsync(
            new RegisterCommand("1001", [new RegisterContact("sip:a@h", 60, null)], false, null, "call", 1, "udp", "192.0.2.1:5060", null),
            CancellationToken.None);
        Assert.Equal(RegisterOutcome.Ok, result.Outcome);
        Assert.Equal(2, _metrics.BindingsActive.Value);

        // The sweep timer fires inside Advance and queues its work ahead of the snapshot below.
        _time.Advance(TimeSpan.FromSeconds(61));
        var bindings = await _engine.SnapshotAsync(CancellationToken.None);

        Assert.DoesNotContain(bindings, b => b.Aor == "1001");
        Assert.Equal(1, _metrics.BindingsActive.Value);
        Assert.Equal(1, _metrics.RegistrationsActive.Value);
        await _engine.FlushAsync(CancellationToken.None);
        Assert.DoesNotContain(new SqliteBindingStore(_database).LoadAll(), b => b.Aor == "1001");
    }

    [Fact]
    public async Task SetReachableAsync_KnownContact_PersistedAndListed()
    {
        await _engine.SetReachableAsync("1004", "sip:kept@h", false, CancellationToken.None);

        Assert.False(Assert.Single(await _engine.SnapshotAsync(CancellationToken.None)).Reachable);
        await _engine.FlushAsync(CancellationToken.None);
        Assert.False(Assert.Single(new SqliteBindingStore(_database).LoadAll()).Reachable);
    }
}
