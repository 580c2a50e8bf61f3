using Cti.Host.Registrar;
using Microsoft.Data.Sqlite;

namespace Cti.Host.Storage;

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

    public void ReplaceAor(string aor, IReadOnlyList<RegistrarBinding> bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        _database.Use(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using (var delete = connection.CreateCommand())
            {
                delete.Transaction = transaction;
                delete.CommandText = "DELETE FROM registrar_bindings WHERE aor = $aor;";
                delete.Parameters.AddWithValue("$aor", aor);
                delete.ExecuteNonQuery();
            }

            foreach (var binding in bindings)
            {
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO registrar_bindings
                        (aor, contact_uri, q, expires_at_ms, call_id, cseq, source_transport, source_address, user_agent, reachable)
                    VALUES ($aor, $uri, $q, $exp, $callId, $cseq, $transport, $address, $ua, $reachable);
                    """;
                insert.Parameters.AddWithValue("$aor", aor);
                insert.Parameters.AddWithValue("$uri", binding.ContactUri);
                insert.Parameters.AddWithValue("$q", (object?)binding.Q ?? DBNull.Value);
                insert.Parameters.AddWithValue("$exp", binding.ExpiresAt.ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue("$callId", binding.CallId);
                insert.Parameters.AddWithValue("$cseq", binding.CSeq);
                insert.Parameters.AddWithValue("$transport", binding.SourceTransport);
                insert.Parameters.AddWithValue("$address", binding.SourceAddress);
                insert.Parameters.AddWithValue("$ua", (object?)binding.UserAgent ?? DBNull.Value);
                insert.Parameters.AddWithValue("$reachable", binding.Reachable is null ? DBNull.Value : binding.Reachable.Value ? 1 : 0);
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
            return 0;
        });
    }
}
