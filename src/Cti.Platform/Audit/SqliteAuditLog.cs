using System.Globalization;
using Cti.Platform.Security;
using Cti.Platform.Storage;

namespace Cti.Platform.Audit;

/// <summary>The audit log in <c>cti.db</c> (table <c>audit_log</c>), stamped with the service clock.</summary>
internal sealed partial class SqliteAuditLog(SqliteDatabase database, TimeProvider time, ILogger<SqliteAuditLog> logger) : IAuditLog
{
    public void Record(ApiCaller actor, string action, string target, AuditOutcome outcome, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrEmpty(action);
        ArgumentNullException.ThrowIfNull(target);
        var at = time.GetUtcNow();
        var outcomeName = Name(outcome);
        database.Use(connection =>
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO audit_log (at_ms, key_name, roles, action, target, outcome, detail)
                VALUES ($at, $key, $roles, $action, $target, $outcome, $detail);
                """;
            insert.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$key", actor.Name);
            insert.Parameters.AddWithValue("$roles", actor.RoleList);
            insert.Parameters.AddWithValue("$action", action);
            insert.Parameters.AddWithValue("$target", target);
            insert.Parameters.AddWithValue("$outcome", outcomeName);
            insert.Parameters.AddWithValue("$detail", (object?)detail ?? DBNull.Value);
            return insert.ExecuteNonQuery();
        });
        LogRecorded(logger, actor.Name, action, target, outcomeName);
    }

    public (IReadOnlyList<AuditEntry> Items, bool HasMore) Query(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return database.Use(connection =>
        {
            using var command = connection.CreateCommand();
            var where = new List<string> { "id > $after" };
            command.Parameters.AddWithValue("$after", query.After);
            if (query.From is { } from)
            {
                where.Add("at_ms >= $from");
                command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
            }

            if (query.To is { } to)
            {
                where.Add("at_ms < $to");
                command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
            }

            if (query.Action is { } action)
            {
                where.Add("action = $action");
                command.Parameters.AddWithValue("$action", action);
            }

            command.CommandText = "SELECT id, at_ms, key_name, roles, action, target, outcome, detail FROM audit_log WHERE "
                + string.Join(" AND ", where) + " ORDER BY id LIMIT $limit;";
            command.Parameters.AddWithValue("$limit", query.Limit + 1);
            using var reader = command.ExecuteReader();
            var items = new List<AuditEntry>();
            while (reader.Read())
            {
                items.Add(new AuditEntry(
                    reader.GetInt64(0),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.GetString(5),
                    reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7)));
            }

            var hasMore = items.Count > query.Limit;
            if (hasMore)
            {
                items.RemoveAt(items.Count - 1);
            }

            return ((IReadOnlyList<AuditEntry>)items, hasMore);
        });
    }

    /// <summary>The wire name of an outcome (<c>succeeded</c>, <c>denied</c>, <c>failed</c>).</summary>
    public static string Name(AuditOutcome outcome) => outcome.ToString().ToLower(CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 5120, Level = LogLevel.Information, Message = "Audit: key '{Key}' {Action} {Target}: {Outcome}")]
    private static partial void LogRecorded(ILogger logger, string key, string action, string target, string outcome);
}
