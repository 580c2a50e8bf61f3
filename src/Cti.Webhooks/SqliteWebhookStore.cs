using System.Text.Json;
using Cti.Platform.Storage;
using Microsoft.Data.Sqlite;

namespace Cti.Webhooks;

/// <summary>
/// The <c>webhooks</c> table (migration 9): each subscription with its cursor, the last sequence its receiver
/// acknowledged, so delivery resumes there after a restart.
/// </summary>
internal sealed class SqliteWebhookStore(SqliteDatabase database)
{
    private const string Columns = "id, origin, url, secret, types, batch_size, cursor, state, failing_since_ms, dead_lettered_ms, last_error, created_at_ms";

    public IReadOnlyList<WebhookSubscription> List() => database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM webhooks ORDER BY id;";
        return (IReadOnlyList<WebhookSubscription>)ReadAll(command);
    });

    public WebhookSubscription? Get(string id) => database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM webhooks WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        return ReadAll(command).FirstOrDefault();
    });

    /// <summary>Adds the subscription, or changes its definition keeping its cursor and state. False when <paramref name="onlyNew"/> and it exists.</summary>
    public bool Save(WebhookSubscription subscription, bool onlyNew) => database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO webhooks ({Columns}) VALUES ($id, $origin, $url, $secret, $types, $batch, $cursor, $state, NULL, NULL, NULL, $created)
            ON CONFLICT (id) DO {(onlyNew ? "NOTHING" : "UPDATE SET origin = $origin, url = $url, secret = $secret, types = $types, batch_size = $batch")};
            """;
        command.Parameters.AddWithValue("$id", subscription.Id);
        command.Parameters.AddWithValue("$origin", subscription.Origin);
        command.Parameters.AddWithValue("$url", subscription.Url);
        command.Parameters.AddWithValue("$secret", subscription.Secret);
        command.Parameters.AddWithValue("$types", JsonSerializer.Serialize(subscription.Types));
        command.Parameters.AddWithValue("$batch", subscription.BatchSize);
        command.Parameters.AddWithValue("$cursor", (object?)subscription.Cursor ?? DBNull.Value);
        command.Parameters.AddWithValue("$state", subscription.State);
        command.Parameters.AddWithValue("$created", subscription.CreatedAt.ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery() == 1;
    });

    public bool Delete(string id) => Execute("DELETE FROM webhooks WHERE id = $id;", ("$id", id)) == 1;

    /// <summary>Removes configuration subscriptions that are no longer configured.</summary>
    public void DeleteConfiguredExcept(IReadOnlyCollection<string> ids)
    {
        foreach (var stale in List().Where(s => s.Origin == WebhookOrigin.Configuration && !ids.Contains(s.Id)))
        {
            Delete(stale.Id);
        }
    }

    /// <summary>The receiver has everything up to <paramref name="cursor"/>: move on and forget past failures.</summary>
    public void Acknowledge(string id, long cursor) =>
        Execute("UPDATE webhooks SET cursor = $cursor, failing_since_ms = NULL, last_error = NULL WHERE id = $id;", ("$id", id), ("$cursor", cursor));

    /// <summary>Records a failure; the failing-since time is kept from the first failure of the run.</summary>
    public void Failed(string id, DateTimeOffset at, string error) =>
        Execute(
            "UPDATE webhooks SET failing_since_ms = COALESCE(failing_since_ms, $at), last_error = $error WHERE id = $id;",
            ("$id", id), ("$at", at.ToUnixTimeMilliseconds()), ("$error", error));

    public void DeadLetter(string id, DateTimeOffset at) =>
        Execute("UPDATE webhooks SET state = $state, dead_lettered_ms = $at WHERE id = $id;", ("$id", id), ("$state", WebhookState.DeadLetter), ("$at", at.ToUnixTimeMilliseconds()));

    /// <summary>Back to active with delivery resuming after <paramref name="cursor"/>.</summary>
    public bool Rewind(string id, long cursor) =>
        Execute(
            "UPDATE webhooks SET cursor = $cursor, state = $state, failing_since_ms = NULL, dead_lettered_ms = NULL, last_error = NULL WHERE id = $id;",
            ("$id", id), ("$cursor", cursor), ("$state", WebhookState.Active)) == 1;

    private int Execute(string sql, params (string Name, object Value)[] parameters) => database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    });

    private static List<WebhookSubscription> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var result = new List<WebhookSubscription>();
        while (reader.Read())
        {
            result.Add(new WebhookSubscription(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                JsonSerializer.Deserialize<string[]>(reader.GetString(4)) ?? [],
                reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetInt64(6),
                reader.GetString(7),
                Time(reader, 8),
                Time(reader, 9),
                reader.IsDBNull(10) ? null : reader.GetString(10),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11))));
        }

        return result;
    }

    private static DateTimeOffset? Time(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));
}
