using Cti.Platform.Storage;
using Cti.Routing.Persistence;
using Microsoft.Data.Sqlite;

namespace Cti.Acd;

/// <summary>
/// Routing state in the service database (schema version 2). The engine calls Save* on its loop, so they only
/// record the latest value in an in-memory dirty map; <see cref="Flush"/> (run by <see cref="RoutingStateFlusher"/>
/// every ~200 ms and on shutdown) writes the batch in one transaction. Only the newest value per key is written.
/// </summary>
internal sealed partial class SqliteRoutingStateStore(SqliteDatabase database, ILogger<SqliteRoutingStateStore> logger) : IRoutingStateStore
{
    private readonly Lock _lock = new();
    private Dictionary<string, string> _dirtyRoundRobin = new(StringComparer.Ordinal);
    private Dictionary<string, AgentCounters> _dirtyCounters = new(StringComparer.Ordinal);
    private long _batches;

    /// <summary>Batches written so far (for tests and diagnostics).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    public int PendingWrites
    {
        get
        {
            lock (_lock)
            {
                return _dirtyRoundRobin.Count + _dirtyCounters.Count;
            }
        }
    }

    public RoutingStoredState Load()
    {
        var (roundRobin, counters) = database.Use(ReadAll);
        lock (_lock)
        {
            // Values not yet flushed are newer than the database.
            foreach (var (queue, agent) in _dirtyRoundRobin)
            {
                roundRobin[queue] = agent;
            }

            foreach (var (agent, value) in _dirtyCounters)
            {
                counters[agent] = value;
            }
        }

        return new RoutingStoredState(roundRobin, counters);
    }

    public void SaveRoundRobinPosition(string queueId, string lastAgentId)
    {
        lock (_lock)
        {
            _dirtyRoundRobin[queueId] = lastAgentId;
        }
    }

    public void SaveAgentCounters(string agentId, AgentCounters counters)
    {
        lock (_lock)
        {
            _dirtyCounters[agentId] = counters;
        }
    }

    /// <summary>Writes everything pending in one transaction; returns the number of rows written.</summary>
    public int Flush()
    {
        Dictionary<string, string> roundRobin;
        Dictionary<string, AgentCounters> counters;
        lock (_lock)
        {
            if (_dirtyRoundRobin.Count == 0 && _dirtyCounters.Count == 0)
            {
                return 0;
            }

            roundRobin = _dirtyRoundRobin;
            counters = _dirtyCounters;
            _dirtyRoundRobin = new(StringComparer.Ordinal);
            _dirtyCounters = new(StringComparer.Ordinal);
        }

        try
        {
            database.Use(c => Write(c, roundRobin, counters));
            Interlocked.Increment(ref _batches);
            return roundRobin.Count + counters.Count;
        }
        catch (Exception ex) when (ex is SqliteException or ObjectDisposedException)
        {
            Log.FlushFailed(logger, roundRobin.Count + counters.Count, ex);
            Requeue(roundRobin, counters);
            return 0;
        }
    }

    private void Requeue(Dictionary<string, string> roundRobin, Dictionary<string, AgentCounters> counters)
    {
        lock (_lock)
        {
            // Keep values saved meanwhile: they are newer than the failed batch.
            foreach (var (key, value) in roundRobin)
            {
                _dirtyRoundRobin.TryAdd(key, value);
            }

            foreach (var (key, value) in counters)
            {
                _dirtyCounters.TryAdd(key, value);
            }
        }
    }

    private static int Write(SqliteConnection connection, Dictionary<string, string> roundRobin, Dictionary<string, AgentCounters> counters)
    {
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO routing_round_robin (queue_id, last_agent_id) VALUES ($q, $a)
                ON CONFLICT (queue_id) DO UPDATE SET last_agent_id = excluded.last_agent_id;
                """;
            var queue = command.Parameters.Add("$q", SqliteType.Text);
            var agent = command.Parameters.Add("$a", SqliteType.Text);
            foreach (var (q, a) in roundRobin)
            {
                queue.Value = q;
                agent.Value = a;
                command.ExecuteNonQuery();
            }
        }

        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO routing_agent_counters (agent_id, calls_offered, calls_answered, calls_unanswered, talk_ms, hold_ms, wrap_up_ms)
                VALUES ($id, $o, $a, $u, $t, $h, $w)
                ON CONFLICT (agent_id) DO UPDATE SET calls_offered = excluded.calls_offered, calls_answered = excluded.calls_answered,
                    calls_unanswered = excluded.calls_unanswered, talk_ms = excluded.talk_ms, hold_ms = excluded.hold_ms, wrap_up_ms = excluded.wrap_up_ms;
                """;
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var offered = command.Parameters.Add("$o", SqliteType.Integer);
            var answered = command.Parameters.Add("$a", SqliteType.Integer);
            var unanswered = command.Parameters.Add("$u", SqliteType.Integer);
            var talk = command.Parameters.Add("$t", SqliteType.Integer);
            var hold = command.Parameters.Add("$h", SqliteType.Integer);
            var wrapUp = command.Parameters.Add("$w", SqliteType.Integer);
            foreach (var (agentId, c) in counters)
            {
                id.Value = agentId;
                offered.Value = c.CallsOffered;
                answered.Value = c.CallsAnswered;
                unanswered.Value = c.CallsUnanswered;
                talk.Value = (long)c.TalkTime.TotalMilliseconds;
                hold.Value = (long)c.HoldTime.TotalMilliseconds;
                wrapUp.Value = (long)c.WrapUpTime.TotalMilliseconds;
                command.ExecuteNonQuery();
            }
        }

        transaction.Commit();
        return roundRobin.Count + counters.Count;
    }

    private static (Dictionary<string, string> RoundRobin, Dictionary<string, AgentCounters> Counters) ReadAll(SqliteConnection connection)
    {
        var roundRobin = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT queue_id, last_agent_id FROM routing_round_robin;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                roundRobin[reader.GetString(0)] = reader.GetString(1);
            }
        }

        var counters = new Dictionary<string, AgentCounters>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT agent_id, calls_offered, calls_answered, calls_unanswered, talk_ms, hold_ms, wrap_up_ms FROM routing_agent_counters;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                counters[reader.GetString(0)] = new AgentCounters(
                    reader.GetInt64(1),
                    reader.GetInt64(2),
                    reader.GetInt64(3),
                    TimeSpan.FromMilliseconds(reader.GetInt64(4)),
                    TimeSpan.FromMilliseconds(reader.GetInt64(5)),
                    TimeSpan.FromMilliseconds(reader.GetInt64(6)));
            }
        }

        return (roundRobin, counters);
    }
}
