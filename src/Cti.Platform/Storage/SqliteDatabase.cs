using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Cti.Platform.Storage;

/// <summary>
/// The service database (<c>&lt;DataDirectory&gt;/cti.db</c>): one connection in WAL mode, migrated on open.
/// Callers serialise through <see cref="Use{T}"/>; writes are few (registrations), so one connection suffices.
/// </summary>
internal sealed partial class SqliteDatabase : IDisposable
{
    public const string FileName = "cti.db";

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private readonly ILogger<SqliteDatabase> _logger;
    private bool _disposed;

    public SqliteDatabase(string dataDirectory, ILogger<SqliteDatabase> logger)
    {
        _logger = logger;
        Directory.CreateDirectory(dataDirectory);
        Path = System.IO.Path.Combine(dataDirectory, FileName);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;");
        Migrate();
    }

    public string Path { get; }

    public int SchemaVersion => Use(c => CurrentVersion(c));

    public T Use<T>(Func<SqliteConnection, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return work(_connection);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                // Fold the WAL back into the main file so a copy of cti.db alone is complete.
                using var checkpoint = _connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                checkpoint.ExecuteNonQuery();
            }
            catch (SqliteException ex)
            {
                Log.CheckpointFailed(_logger, ex);
            }

            _connection.Dispose();
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void Migrate()
    {
        Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL);");
        var current = CurrentVersion(_connection);
        foreach (var migration in SchemaMigrations.All.Where(m => m.Version > current).OrderBy(m => m.Version))
        {
            using var transaction = _connection.BeginTransaction();
            using (var step = _connection.CreateCommand())
            {
                step.Transaction = transaction;
                step.CommandText = migration.Sql;
                step.ExecuteNonQuery();
            }

            using (var record = _connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES ($v, $d, strftime('%Y-%m-%dT%H:%M:%fZ','now'));";
                record.Parameters.AddWithValue("$v", migration.Version);
                record.Parameters.AddWithValue("$d", migration.Description);
                record.ExecuteNonQuery();
            }

            transaction.Commit();
            Log.MigrationApplied(_logger, migration.Version, migration.Description);
        }
    }

    private static int CurrentVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
