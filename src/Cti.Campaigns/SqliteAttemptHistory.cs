using System.Globalization;
using Cti.Dialer.Compliance;
using Cti.Platform.Storage;

namespace Cti.Campaigns;

/// <summary>
/// Attempt history in <c>dialer_attempts</c> and per-number flags in <c>dialer_number_flags</c>, shared by every
/// campaign so the daily cap per number holds across campaigns. Attempts are recorded on the campaign loop, so they
/// are buffered in memory (and counted from there) until <see cref="Flush"/> writes them in one transaction.
/// </summary>
internal sealed class SqliteAttemptHistory : IAttemptHistory
{
    private readonly SqliteDatabase _database;
    private readonly List<(string LeadId, string E164, DateTimeOffset At)> _pending = [];
    private readonly Lock _flushGate = new();
    private readonly Lock _gate = new();

    public SqliteAttemptHistory(SqliteDatabase database) => _database = database;

    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    public void RecordAttempt(string leadId, string e164, DateTimeOffset at)
    {
        lock (_gate)
        {
            _pending.Add((leadId, e164, at));
        }
    }

    public int CountAttemptsForNumberSince(string e164, DateTimeOffset since)
    {
        int buffered;
        lock (_gate)
        {
            buffered = _pending.Count(p => p.E164 == e164 && p.At >= since);
        }

        return buffered + _database.Use(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM dialer_attempts WHERE e164 = $n AND at_ms >= $since;";
            command.Parameters.AddWithValue("$n", e164);
            command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        });
    }

    public void RecordAbandoned(string e164, DateTimeOffset at) => UpsertFlag(e164, "last_abandoned_ms", at.ToUnixTimeMilliseconds());

    public DateTimeOffset? LastAbandoned(string e164)
    {
        var ms = ReadFlag(e164, "last_abandoned_ms");
        return ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;
    }

    public void MarkInvalid(string e164, int sipStatus) => UpsertFlag(e164, "invalid_sip_status", sipStatus);

    public bool IsInvalid(string e164) => ReadFlag(e164, "invalid_sip_status") is not null;

    /// <summary>Writes the buffered attempts; returns how many were written.</summary>
    /// <remarks>One flush at a time: two at once would write the same batch twice and both try to drop it.</remarks>
    public int Flush()
    {
        lock (_flushGate)
        {
            return FlushOnce();
        }
    }

    private int FlushOnce()
    {
        (string LeadId, string E164, DateTimeOffset At)[] batch;
        lock (_gate)
        {
            batch = [.. _pending];
        }

        if (batch.Length == 0)
        {
            return 0;
        }

        _database.Use(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO dialer_attempts (lead_id, e164, at_ms) VALUES ($l, $n, $at);";
            foreach (var (leadId, e164, at) in batch)
            {
                insert.Parameters.Clear();
                insert.Parameters.AddWithValue("$l", leadId);
                insert.Parameters.AddWithValue("$n", e164);
                insert.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
                insert.ExecuteNonQuery();
            }

            // Drop the written entries only once committed, so a concurrent count never misses them.
            transaction.Commit();
            lock (_gate)
            {
                _pending.RemoveRange(0, batch.Length);
            }

            return 0;
        });
        return batch.Length;
    }

    private void UpsertFlag(string e164, string column, long value) => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO dialer_number_flags (e164, {column}) VALUES ($n, $v) ON CONFLICT (e164) DO UPDATE SET {column} = excluded.{column};";
        command.Parameters.AddWithValue("$n", e164);
        command.Parameters.AddWithValue("$v", value);
        return command.ExecuteNonQuery();
    });

    private long? ReadFlag(string e164, string column) => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {column} FROM dialer_number_flags WHERE e164 = $n;";
        command.Parameters.AddWithValue("$n", e164);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? (long?)null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    });
}
