using System.Globalization;
using Cti.Platform.Storage;
using Microsoft.Data.Sqlite;

namespace Cti.Events;

/// <summary>The <c>events</c> table (migration 3). Writes happen only on the event writer's loop.</summary>
internal sealed class SqliteEventStore
{
    private readonly SqliteDatabase _database;

    public SqliteEventStore(SqliteDatabase database) => _database = database;

    public long MaxSeq() => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM events;";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    });

    public static void Append(SqliteConnection connection, SqliteTransaction transaction, EventRecord record)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO events (seq, type, at, json) VALUES ($seq, $type, $at, $json);";
        insert.Parameters.AddWithValue("$seq", record.Seq);
        insert.Parameters.AddWithValue("$type", record.Type);
        insert.Parameters.AddWithValue("$at", EventJson.FormatTime(record.At));
        insert.Parameters.AddWithValue("$json", record.Json);
        insert.ExecuteNonQuery();
    }

    /// <summary>
    /// Events with <paramref name="afterSeq"/> &lt; seq ≤ <paramref name="upToSeq"/> (when given), oldest first,
    /// at most <paramref name="limit"/>, optionally only of the given types.
    /// </summary>
    public IReadOnlyList<EventRecord> ReadAfter(long afterSeq, int limit, long? upToSeq = null, IReadOnlyCollection<string>? types = null) =>
        _database.Use(connection =>
        {
            using var command = connection.CreateCommand();
            var sql = "SELECT seq, type, at, json FROM events WHERE seq > $after";
            command.Parameters.AddWithValue("$after", afterSeq);
            if (upToSeq is { } upTo)
            {
                sql += " AND seq <= $upTo";
                command.Parameters.AddWithValue("$upTo", upTo);
            }

            if (types is { Count: > 0 })
            {
                var names = new List<string>();
                var i = 0;
                foreach (var type in types)
                {
                    var name = "$t" + i++.ToString(CultureInfo.InvariantCulture);
                    names.Add(name);
                    command.Parameters.AddWithValue(name, type);
                }

                sql += " AND type IN (" + string.Join(", ", names) + ")";
            }

            command.CommandText = sql + " ORDER BY seq LIMIT $limit;";
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            var result = new List<EventRecord>();
            while (reader.Read())
            {
                result.Add(new EventRecord(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                    reader.GetString(3)));
            }

            return (IReadOnlyList<EventRecord>)result;
        });

    /// <summary>
    /// Deletes events older than <paramref name="cutoff"/> but always keeps the newest one, so that the sequence
    /// continues from it after a restart even when the log has been quiet for longer than the retention.
    /// </summary>
    public int DeleteOlderThan(DateTimeOffset cutoff) => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM events WHERE at < $cutoff AND seq < (SELECT MAX(seq) FROM events);";
        command.Parameters.AddWithValue("$cutoff", EventJson.FormatTime(cutoff));
        return command.ExecuteNonQuery();
    });
}
