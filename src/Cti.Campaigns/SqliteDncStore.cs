using System.Globalization;
using Cti.Dialer.Compliance;
using Cti.Platform.Storage;

namespace Cti.Campaigns;

/// <summary>The do-not-call list in <c>dialer_dnc</c>, shared by every campaign. The first source of a number is kept.</summary>
internal sealed class SqliteDncStore : IDncStore
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteDncStore(SqliteDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public bool Contains(string e164) => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM dialer_dnc WHERE e164 = $n);";
        command.Parameters.AddWithValue("$n", e164);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) != 0;
    });

    public void Add(string e164, string source) => AddRange([e164], source);

    /// <summary>Adds many numbers in one transaction; returns how many were new.</summary>
    public int AddRange(IReadOnlyCollection<string> numbers, string source)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return _database.Use(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;

            // A disposition outranks any earlier source: once a callee asked, the entry must stay undeletable.
            insert.CommandText = """
                INSERT INTO dialer_dnc (e164, source, added_at_ms) VALUES ($n, $s, $at)
                ON CONFLICT (e164) DO UPDATE SET source = excluded.source WHERE excluded.source = 'disposition';
                """;
            var number = insert.Parameters.Add("$n", Microsoft.Data.Sqlite.SqliteType.Text);
            insert.Parameters.AddWithValue("$s", source);
            insert.Parameters.AddWithValue("$at", now);
            var added = 0;
            foreach (var n in numbers)
            {
                number.Value = n;
                added += insert.ExecuteNonQuery();
            }

            transaction.Commit();
            return added;
        });
    }

    public DncEntry? Find(string e164) => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT e164, source, added_at_ms FROM dialer_dnc WHERE e164 = $n;";
        command.Parameters.AddWithValue("$n", e164);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new DncEntry(reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)))
            : null;
    });

    /// <summary>Removes a number unless a disposition put it there; returns false when nothing was removed.</summary>
    public bool Remove(string e164) => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM dialer_dnc WHERE e164 = $n AND source <> $protected;";
        command.Parameters.AddWithValue("$n", e164);
        command.Parameters.AddWithValue("$protected", DncSources.Disposition);
        return command.ExecuteNonQuery() > 0;
    });
}
