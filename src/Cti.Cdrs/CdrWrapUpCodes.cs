using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Cti.Events;
using Microsoft.Data.Sqlite;

namespace Cti.Cdrs;

/// <summary>
/// The wrap-up code of a call (what the agent desk or the dialer's disposition says the call was), written into its
/// CDR. Agents set it during the call or in wrap-up after it: a code for a call whose CDR is not written yet waits
/// here and goes into the CDR when the call ends (<see cref="TakePending"/>, <see cref="FlushAsync"/>).
/// </summary>
internal sealed class CdrWrapUpCodes(SqliteCdrStore store, EventWriter events)
{
    /// <summary>Calls live long; codes for calls that never end here (a wrong id) must not pile up.</summary>
    private const int MaxPending = 10_000;

    private readonly ConcurrentDictionary<string, string> _pending = new(StringComparer.Ordinal);

    /// <summary>
    /// Sets <paramref name="code"/> for <paramref name="callId"/> and publishes <c>call.disposition</c> (with who set
    /// it and how: <paramref name="source"/> is <c>desk</c> or <c>dialer</c>). The caller has checked the call exists.
    /// </summary>
    public async Task SetAsync(string callId, string code, string source, string? agentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callId);
        ArgumentNullException.ThrowIfNull(code);
        var disposition = new CtiEvent(CtiEventTypes.CallDisposition, new JsonObject { ["code"] = code, ["source"] = source }) { CallId = callId, AgentId = agentId };
        if (store.Get(callId) is null)
        {
            if (_pending.Count < MaxPending || _pending.ContainsKey(callId))
            {
                _pending[callId] = code;
            }

            // The CDR may have been written meanwhile: then the code goes in now.
            if (store.Get(callId) is null)
            {
                await events.SubmitAsync([disposition], null, cancellationToken);
                return;
            }

            _pending.TryRemove(callId, out _);
        }

        await events.SubmitAsync([disposition], (connection, transaction) => Update(connection, transaction, callId, code), cancellationToken);
    }

    /// <summary>The code set for a call whose CDR is about to be written, if any (taken: the CDR carries it).</summary>
    public string? TakePending(string callId) => _pending.TryRemove(callId, out var code) ? code : null;

    /// <summary>After a call's CDR is written: a code that arrived while it was being written goes in now.</summary>
    public async Task FlushAsync(string callId, CancellationToken cancellationToken = default)
    {
        if (_pending.TryRemove(callId, out var code))
        {
            await events.SubmitAsync([], (connection, transaction) => Update(connection, transaction, callId, code), cancellationToken);
        }
    }

    private static void Update(SqliteConnection connection, SqliteTransaction transaction, string callId, string code)
    {
        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE cdrs SET wrap_up_code = $code WHERE call_id = $callId;";
        update.Parameters.AddWithValue("$code", code);
        update.Parameters.AddWithValue("$callId", callId);
        update.ExecuteNonQuery();
    }
}
