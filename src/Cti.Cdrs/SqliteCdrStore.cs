using System.Globalization;
using System.Text.Json;
using Cti.Events;
using Cti.Platform.Storage;
using Microsoft.Data.Sqlite;

namespace Cti.Cdrs;

/// <summary>The <c>cdrs</c> and <c>cdr_exports</c> tables (migration 4). Inserts run inside the event writer's transaction.</summary>
internal sealed class SqliteCdrStore
{
    private const string Columns = """
        call_id, direction, trunk, line, from_number, to_number, did, queue, agent, campaign, lead,
        start_at, queued_at, offered_at, answered_at, end_at,
        wait_seconds, ring_seconds, talk_seconds, hold_seconds, wrap_up_seconds,
        disposition, sip_code, q850_cause, hung_up_by, transfers, recording_path, recording_gaps, wrap_up_code, monitoring
        """;

    private static readonly JsonSerializerOptions TransferJson = new(JsonSerializerDefaults.Web);

    private readonly SqliteDatabase _database;

    public SqliteCdrStore(SqliteDatabase database) => _database = database;

    public static void Insert(SqliteConnection connection, SqliteTransaction transaction, Cdr cdr)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(cdr);
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"""
            INSERT INTO cdrs ({Columns})
            VALUES ($callId, $direction, $trunk, $line, $from, $to, $did, $queue, $agent, $campaign, $lead,
                    $start, $queued, $offered, $answered, $end,
                    $wait, $ring, $talk, $hold, $wrap,
                    $disposition, $sip, $q850, $hungUpBy, $transfers, $recording, $gaps, $wrapUp, $monitoring);
            """;
        var p = insert.Parameters;
        p.AddWithValue("$callId", cdr.CallId);
        p.AddWithValue("$direction", CdrWire.Name(cdr.Direction));
        p.AddWithValue("$trunk", Db(cdr.Trunk));
        p.AddWithValue("$line", Db(cdr.Line));
        p.AddWithValue("$from", Db(cdr.From));
        p.AddWithValue("$to", Db(cdr.To));
        p.AddWithValue("$did", Db(cdr.Did));
        p.AddWithValue("$queue", Db(cdr.Queue));
        p.AddWithValue("$agent", Db(cdr.Agent));
        p.AddWithValue("$campaign", Db(cdr.Campaign));
        p.AddWithValue("$lead", Db(cdr.Lead));
        p.AddWithValue("$start", EventJson.FormatTime(cdr.StartAt));
        p.AddWithValue("$queued", Db(cdr.QueuedAt));
        p.AddWithValue("$offered", Db(cdr.OfferedAt));
        p.AddWithValue("$answered", Db(cdr.AnsweredAt));
        p.AddWithValue("$end", EventJson.FormatTime(cdr.EndAt));
        p.AddWithValue("$wait", cdr.WaitSeconds);
        p.AddWithValue("$ring", cdr.RingSeconds);
        p.AddWithValue("$talk", cdr.TalkSeconds);
        p.AddWithValue("$hold", cdr.HoldSeconds);
        p.AddWithValue("$wrap", cdr.WrapUpSeconds);
        p.AddWithValue("$disposition", CdrWire.Name(cdr.Disposition));
        p.AddWithValue("$sip", (object?)cdr.SipCode ?? DBNull.Value);
        p.AddWithValue("$q850", (object?)cdr.Q850Cause ?? DBNull.Value);
        p.AddWithValue("$hungUpBy", cdr.HungUpBy is { } party ? CdrWire.Name(party) : DBNull.Value);
        p.AddWithValue("$transfers", JsonSerializer.Serialize(cdr.Transfers, TransferJson));
        p.AddWithValue("$recording", Db(cdr.RecordingPath));
        p.AddWithValue("$gaps", JsonSerializer.Serialize(cdr.RecordingGaps, TransferJson));
        p.AddWithValue("$wrapUp", Db(cdr.WrapUpCode));
        p.AddWithValue("$monitoring", JsonSerializer.Serialize(cdr.Monitoring, TransferJson));
        insert.ExecuteNonQuery();
    }

    public Cdr? Get(string callId) => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM cdrs WHERE call_id = $callId;";
        command.Parameters.AddWithValue("$callId", callId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    });

    /// <summary>Up to <see cref="CdrQuery.Limit"/> records after the cursor, and whether more follow.</summary>
    public (IReadOnlyList<Cdr> Items, bool HasMore) Query(CdrQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _database.Use(connection =>
        {
            using var command = connection.CreateCommand();
            var where = new List<string>();
            void Filter(string clause, string name, object value)
            {
                where.Add(clause);
                command.Parameters.AddWithValue(name, value);
            }

            if (query.From is { } from)
            {
                Filter("start_at >= $from", "$from", EventJson.FormatTime(from));
            }

            if (query.To is { } to)
            {
                Filter("start_at < $to", "$to", EventJson.FormatTime(to));
            }

            if (query.Queue is { } queue)
            {
                Filter("queue = $queue", "$queue", queue);
            }

            if (query.Agent is { } agent)
            {
                Filter("agent = $agent", "$agent", agent);
            }

            if (query.CallId is { } callId)
            {
                Filter("call_id = $callId", "$callId", callId);
            }

            if (query.AgentIn is { } agents)
            {
                // Parameters, one per agent: the ids come from configuration, but never from SQL text.
                var names = agents.Select((a, i) => (Name: "$agentIn" + i.ToString(CultureInfo.InvariantCulture), Id: a)).ToArray();
                where.Add(names.Length == 0 ? "0" : $"agent IN ({string.Join(", ", names.Select(n => n.Name))})");
                foreach (var (name, id) in names)
                {
                    command.Parameters.AddWithValue(name, id);
                }
            }

            if (query.RecordedOnly)
            {
                where.Add("recording_path IS NOT NULL");
            }

            if (query.Disposition is { } disposition)
            {
                Filter("disposition = $disposition", "$disposition", CdrWire.Name(disposition));
            }

            if (query.Direction is { } direction)
            {
                Filter("direction = $direction", "$direction", CdrWire.Name(direction));
            }

            if (query.After is { } after)
            {
                Filter("(start_at, call_id) > ($afterStart, $afterId)", "$afterStart", EventJson.FormatTime(after.StartAt));
                command.Parameters.AddWithValue("$afterId", after.CallId);
            }

            command.CommandText = $"SELECT {Columns} FROM cdrs"
                + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")
                + " ORDER BY start_at, call_id LIMIT $limit;";
            command.Parameters.AddWithValue("$limit", query.Limit + 1);
            using var reader = command.ExecuteReader();
            var items = new List<Cdr>();
            while (reader.Read())
            {
                items.Add(Read(reader));
            }

            var hasMore = items.Count > query.Limit;
            if (hasMore)
            {
                items.RemoveAt(items.Count - 1);
            }

            return ((IReadOnlyList<Cdr>)items, hasMore);
        });
    }

    public void AddExportAudit(DateTimeOffset at, string keyName, string filters, int rows) => _database.Use(connection =>
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO cdr_exports (exported_at, key_name, filters, row_count) VALUES ($at, $key, $filters, $rows);";
        insert.Parameters.AddWithValue("$at", EventJson.FormatTime(at));
        insert.Parameters.AddWithValue("$key", keyName);
        insert.Parameters.AddWithValue("$filters", filters);
        insert.Parameters.AddWithValue("$rows", rows);
        return insert.ExecuteNonQuery();
    });

    public IReadOnlyList<(string KeyName, string Filters, int Rows)> ExportAudit() => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key_name, filters, row_count FROM cdr_exports ORDER BY id;";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, int)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        }

        return (IReadOnlyList<(string, string, int)>)rows;
    });

    private static object Db(string? value) => (object?)value ?? DBNull.Value;

    private static object Db(DateTimeOffset? value) => value is { } v ? EventJson.FormatTime(v) : DBNull.Value;

    private static string? Str(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static DateTimeOffset Time(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static DateTimeOffset? Time(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : Time(reader.GetString(i));

    private static Cdr Read(SqliteDataReader r) => new()
    {
        CallId = r.GetString(0),
        Direction = CdrWire.Parse<CallDirection>(r.GetString(1)),
        Trunk = Str(r, 2),
        Line = Str(r, 3),
        From = Str(r, 4),
        To = Str(r, 5),
        Did = Str(r, 6),
        Queue = Str(r, 7),
        Agent = Str(r, 8),
        Campaign = Str(r, 9),
        Lead = Str(r, 10),
        StartAt = Time(r.GetString(11)),
        QueuedAt = Time(r, 12),
        OfferedAt = Time(r, 13),
        AnsweredAt = Time(r, 14),
        EndAt = Time(r.GetString(15)),
        WaitSeconds = r.GetDouble(16),
        RingSeconds = r.GetDouble(17),
        TalkSeconds = r.GetDouble(18),
        HoldSeconds = r.GetDouble(19),
        WrapUpSeconds = r.GetDouble(20),
        Disposition = CdrWire.Parse<CdrDisposition>(r.GetString(21)),
        SipCode = r.IsDBNull(22) ? null : r.GetInt32(22),
        Q850Cause = r.IsDBNull(23) ? null : r.GetInt32(23),
        HungUpBy = Str(r, 24) is { } party ? CdrWire.Parse<HangupParty>(party) : null,
        Transfers = JsonSerializer.Deserialize<List<CdrTransferStep>>(r.GetString(25), TransferJson) ?? [],
        RecordingPath = Str(r, 26),
        RecordingGaps = JsonSerializer.Deserialize<List<CdrRecordingGap>>(r.GetString(27), TransferJson) ?? [],
        WrapUpCode = Str(r, 28),
        Monitoring = JsonSerializer.Deserialize<List<CdrMonitoringSession>>(r.GetString(29), TransferJson) ?? [],
    };
}
