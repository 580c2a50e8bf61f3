using Cti.Registrar;
using Cti.Platform.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cti.Registrar.Tests;

public sealed class SqliteBindingStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cti-store-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private SqliteDatabase Open() => new(_directory, NullLogger<SqliteDatabase>.Instance);

    [Fact]
    public void ReplaceAor_NewStoreInstance_ReadsSameBindings()
    {
        var expires = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var a = new RegistrarBinding("1001", "sip:1001@192.0.2.1:5062;ob?X=a%20b", 0.7, expires, "call", 42, "tcp", "192.0.2.1:5062", "Phone/2", true);
        var b = new RegistrarBinding("1001", "sip:1001@192.0.2.2", null, expires.AddSeconds(5), "call2", 1, "udp", "192.0.2.2:5060", null, null);
        using (var database = Open())
        {
            new SqliteBindingStore(database).ReplaceAor("1001", [a, b]);
        }

        using var reopened = Open();
        var loaded = new SqliteBindingStore(reopened).LoadAll().OrderBy(x => x.ContactUri, StringComparer.Ordinal).ToArray();

        Assert.Equal([a, b], loaded);
    }

    [Fact]
    public void ReplaceAor_EmptyList_DeletesThatAorOnly()
    {
        var expires = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
        using var database = Open();
        var store = new SqliteBindingStore(database);
        store.ReplaceAor("1001", [new RegistrarBinding("1001", "sip:a@h", null, expires, "c", 1, "udp", "x", null, null)]);
        store.ReplaceAor("1002", [new RegistrarBinding("1002", "sip:b@h", null, expires, "c", 1, "udp", "x", null, null)]);

        store.ReplaceAor("1001", []);

        Assert.Equal(["1002"], store.LoadAll().Select(x => x.Aor));
    }

    [Fact]
    public void Open_NewFile_MigratesToLatestInWalMode()
    {
        using var database = Open();

        Assert.Equal(SchemaMigrations.All[^1].Version, database.SchemaVersion);
        Assert.Equal("wal", database.Use(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            return (string)command.ExecuteScalar()!;
        }));
        Assert.True(File.Exists(Path.Combine(_directory, SqliteDatabase.FileName)));
    }

    [Fact]
    public void Open_Twice_AppliesMigrationsOnce()
    {
        using (Open())
        {
        }

        using var database = Open();

        var rows = database.Use(c =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM schema_version;";
            return (long)command.ExecuteScalar()!;
        });
        Assert.Equal(SchemaMigrations.All.Count, rows);
    }
}
