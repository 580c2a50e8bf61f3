using System.Text.Json;
using Cti.Platform.Storage;

namespace Cti.Campaigns;

/// <summary>Campaign definitions (as JSON) and their last run state in <c>dialer_campaigns</c>; the export audit trail.</summary>
internal sealed class SqliteCampaignStore
{
    public const string OriginConfig = "config";
    public const string OriginApi = "api";

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteCampaignStore(SqliteDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public IReadOnlyList<CampaignRecord> LoadAll() => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT config_json, status, origin FROM dialer_campaigns ORDER BY campaign_id;";
        using var reader = command.ExecuteReader();
        var result = new List<CampaignRecord>();
        while (reader.Read())
        {
            var definition = JsonSerializer.Deserialize<CampaignDefinition>(reader.GetString(0), DialerJson.Options);
            if (definition is not null)
            {
                result.Add(new CampaignRecord(definition, reader.GetString(1), reader.GetString(2)));
            }
        }

        return (IReadOnlyList<CampaignRecord>)result;
    });

    public void Save(CampaignDefinition definition, string status, string origin) => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO dialer_campaigns (campaign_id, config_json, status, origin, updated_at_ms) VALUES ($id, $json, $status, $origin, $at)
            ON CONFLICT (campaign_id) DO UPDATE SET config_json = excluded.config_json, status = excluded.status,
                origin = excluded.origin, updated_at_ms = excluded.updated_at_ms;
            """;
        command.Parameters.AddWithValue("$id", definition.Id);
        command.Parameters.AddWithValue("$json", JsonSerializer.Serialize(definition, DialerJson.Options));
        command.Parameters.AddWithValue("$status", status);
        command.Parameters.AddWithValue("$origin", origin);
        command.Parameters.AddWithValue("$at", _time.GetUtcNow().ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery();
    });

    public void SaveStatus(string campaignId, string status) => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE dialer_campaigns SET status = $status, updated_at_ms = $at WHERE campaign_id = $id;";
        command.Parameters.AddWithValue("$id", campaignId);
        command.Parameters.AddWithValue("$status", status);
        command.Parameters.AddWithValue("$at", _time.GetUtcNow().ToUnixTimeMilliseconds());
        return command.ExecuteNonQuery();
    });

    public bool Delete(string campaignId) => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM dialer_campaigns WHERE campaign_id = $id;";
        command.Parameters.AddWithValue("$id", campaignId);
        return command.ExecuteNonQuery() > 0;
    });

    /// <summary>Records who exported a campaign's leads, when, and how many rows.</summary>
    public void AuditExport(string campaignId, string keyName, int rows) => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO dialer_export_audit (campaign_id, key_name, exported_at_ms, row_count) VALUES ($c, $k, $at, $rows);";
        command.Parameters.AddWithValue("$c", campaignId);
        command.Parameters.AddWithValue("$k", keyName);
        command.Parameters.AddWithValue("$at", _time.GetUtcNow().ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$rows", rows);
        return command.ExecuteNonQuery();
    });

    public IReadOnlyList<(string CampaignId, string KeyName, DateTimeOffset At, int Rows)> GetExportAudit() => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT campaign_id, key_name, exported_at_ms, row_count FROM dialer_export_audit ORDER BY id;";
        using var reader = command.ExecuteReader();
        var result = new List<(string, string, DateTimeOffset, int)>();
        while (reader.Read())
        {
            result.Add((reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.GetInt32(3)));
        }

        return (IReadOnlyList<(string, string, DateTimeOffset, int)>)result;
    });
}
