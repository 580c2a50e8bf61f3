using Cti.Platform.Storage;
using Microsoft.Data.Sqlite;

namespace Cti.Registrar;

internal sealed class SqliteBindingStore : IBindingStore
{
    private readonly SqliteDatabase _database;

    public SqliteBindingStore(SqliteDatabase database) => _database = database;

    public IReadOnlyList<RegistrarBinding> LoadAll() => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT aor, contact_uri, q, expires_at_ms, call_id, cseq, source_transport, source_address, user_agent, reachable
            FROM registrar_bindings;
            """;
        using var reader = command.ExecuteReader();
        var result = new List<RegistrarBinding>();
        while (reader.Read())
        {
            result.Add(new RegistrarBinding(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetDouble(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                reader.GetString(4),
                reader.GetInt64(5),
                reader.GetString(6),
                reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetInt64(9) != 0));
        }

        return (IReadOnlyList<RegistrarBinding>)result;
    });

    /// <summary>Replaces every stored binding of <paramref name="aor"/> (a batch of one).</summary>
    public void ReplaceAor(string aor, IReadOnlyList<RegistrarBinding> bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        ReplaceAors([(aor, bindings)]);
    }

    public void ReplaceAors(IReadOnlyList<(string Aor, IReadOnlyList<RegistrarBinding> Bindings)> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        _database.Use(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM registrar_bindings WHERE aor = $aor;";
            var deleteAor = delete.Parameters.Add("$aor", SqliteType.Text);

            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO registrar_bindings
                    (aor, contact_uri, q, expires_at_ms, call_id, cseq, source_transport, source_address, user_agent, reachable)
                VALUES ($aor, $uri, $q, $exp, $callId, $cseq, $transport, $address, $ua, $reachable);
                """;
            var aor = insert.Parameters.Add("$aor", SqliteType.Text);
            var uri = insert.Parameters.Add("$uri", SqliteType.Text);
            var q = insert.Parameters.Add("$q", SqliteType.Real);
            var expires = insert.Parameters.Add("$exp", SqliteType.Integer);
            var callId = insert.Parameters.Add("$callId", SqliteType.Text);
            var cseq = insert.Parameters.Add("$cseq", SqliteType.Integer);
            var transport = insert.Parameters.Add("$transport", SqliteType.Text);
            var address = insert.Parameters.Add("$address", SqliteType.Text);
            var userAgent = insert.Parameters.Add("$ua", SqliteType.Text);
            var reachable = insert.Parameters.Add("$reachable", SqliteType.Integer);

            foreach (var change in changes)
            {
                deleteAor.Value = change.Aor;
                delete.ExecuteNonQuery();
                foreach (var binding in change.Bindings)
                {
                    aor.Value = change.Aor;
                    uri.Value = binding.ContactUri;
                    q.Value = (object?)binding.Q ?? DBNull.Value;
                    expires.Value = binding.ExpiresAt.ToUnixTimeMilliseconds();
                    callId.Value = binding.CallId;
                    cseq.Value = binding.CSeq;
                    transport.Value = binding.SourceTransport;
                    address.Value = binding.SourceAddress;
                    userAgent.Value = (object?)binding.UserAgent ?? DBNull.Value;
                    reachable.Value = binding.Reachable is null ? DBNull.Value : binding.Reachable.Value ? 1 : 0;
                    insert.ExecuteNonQuery();
                }
            }

            transaction.Commit();
            return 0;
        });
    }
}
