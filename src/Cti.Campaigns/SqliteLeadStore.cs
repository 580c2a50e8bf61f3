using System.Globalization;
using System.Text.Json;
using Cti.Dialer.Campaigns;
using Cti.Dialer.Lists;
using Cti.Numbers;
using Cti.Platform.Storage;
using Microsoft.Data.Sqlite;

namespace Cti.Campaigns;

/// <summary>
/// Leads in <c>dialer_leads</c>: the imported contact (number, name, custom fields as JSON) and its dialling state.
/// Bulk imports go through <see cref="AddRange"/> in one transaction.
/// </summary>
internal sealed class SqliteLeadStore : ILeadStore
{
    private static readonly string[] FinalStates =
        [nameof(LeadStatus.Success), nameof(LeadStatus.Closed), nameof(LeadStatus.DoNotCall), nameof(LeadStatus.Invalid), nameof(LeadStatus.Exhausted)];

    private const string LeadColumns =
        "lead_id, list_id, source, e164, region, kind, name, fields_json, priority, source_row, state, attempts, next_due_ms, last_outcome, callback_agent";

    private static readonly string[] InsertParameters = ["$c", "$id", "$list", "$source", "$n", "$region", "$kind", "$name", "$fields", "$priority", "$row"];

    private readonly SqliteDatabase _database;

    public SqliteLeadStore(SqliteDatabase database) => _database = database;

    public bool ContainsNumber(string campaignId, string e164) => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM dialer_leads WHERE campaign_id = $c AND e164 = $n);";
        command.Parameters.AddWithValue("$c", campaignId);
        command.Parameters.AddWithValue("$n", e164);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) != 0;
    });

    public void Add(string campaignId, Lead lead) => AddRange(campaignId, [lead]);

    /// <summary>Inserts every lead in one transaction: a list is stored whole or not at all.</summary>
    public void AddRange(string campaignId, IReadOnlyList<Lead> leads)
    {
        ArgumentNullException.ThrowIfNull(leads);
        _database.Use(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO dialer_leads (campaign_id, lead_id, list_id, source, e164, region, kind, name, fields_json, priority, source_row)
                VALUES ($c, $id, $list, $source, $n, $region, $kind, $name, $fields, $priority, $row);
                """;
            var p = InsertParameters.Select(name => insert.Parameters.Add(name, SqliteType.Text)).ToArray();
            foreach (var lead in leads)
            {
                p[0].Value = campaignId;
                p[1].Value = lead.LeadId;
                p[2].Value = lead.ListId;
                p[3].Value = lead.Source;
                p[4].Value = lead.Phone.E164;
                p[5].Value = lead.Phone.RegionCode;
                p[6].Value = lead.Phone.Kind.ToString();
                p[7].Value = (object?)lead.Name ?? DBNull.Value;
                p[8].Value = JsonSerializer.Serialize(lead.Fields);
                p[9].Value = lead.Priority;
                p[10].Value = lead.SourceRow;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
            return 0;
        });
    }

    public IReadOnlyList<Lead> GetLeads(string campaignId) =>
        Query(campaignId, string.Empty, 0, int.MaxValue).Select(r => r.Lead).ToArray();

    /// <summary>Leads that may still be dialled (not in a final state), in import order.</summary>
    public IReadOnlyList<Lead> GetOpenLeads(string campaignId) =>
        Query(campaignId, $"AND state NOT IN ({string.Join(", ", FinalStates.Select(s => $"'{s}'"))})", 0, int.MaxValue).Select(r => r.Lead).ToArray();

    public IReadOnlyList<LeadRow> GetPage(string campaignId, int offset, int limit) => Query(campaignId, string.Empty, offset, limit);

    public LeadRow? Find(string campaignId, string leadId) => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {LeadColumns} FROM dialer_leads WHERE campaign_id = $c AND lead_id = $id;";
        command.Parameters.AddWithValue("$c", campaignId);
        command.Parameters.AddWithValue("$id", leadId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadRow(reader) : null;
    });

    public int Count(string campaignId) => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM dialer_leads WHERE campaign_id = $c;";
        command.Parameters.AddWithValue("$c", campaignId);
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    });

    public bool ListExists(string campaignId, string listId) => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM dialer_leads WHERE campaign_id = $c AND list_id = $l);";
        command.Parameters.AddWithValue("$c", campaignId);
        command.Parameters.AddWithValue("$l", listId);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) != 0;
    });

    /// <summary>Every number already in the campaign, for deduping a new list without a query per row.</summary>
    public HashSet<string> GetNumbers(string campaignId) => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT e164 FROM dialer_leads WHERE campaign_id = $c;";
        command.Parameters.AddWithValue("$c", campaignId);
        using var reader = command.ExecuteReader();
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            numbers.Add(reader.GetString(0));
        }

        return numbers;
    });

    /// <summary>
    /// Writes a batch of state changes in one transaction. A lead marked do-not-call stays so: the mark may come from
    /// a disposition the engine never saw (no live call), and must not be overwritten by the engine's view.
    /// </summary>
    public void UpdateStates(string campaignId, IReadOnlyCollection<LeadStateUpdate> updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        if (updates.Count == 0)
        {
            return;
        }

        _database.Use(connection =>
        {
            using var transaction = connection.BeginTransaction();
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE dialer_leads SET state = $state, attempts = $attempts, next_due_ms = $due, last_outcome = $outcome, callback_agent = $agent
                WHERE campaign_id = $c AND lead_id = $id AND state <> 'DoNotCall';
                """;
            foreach (var u in updates)
            {
                update.Parameters.Clear();
                update.Parameters.AddWithValue("$c", campaignId);
                update.Parameters.AddWithValue("$id", u.LeadId);
                update.Parameters.AddWithValue("$state", u.State);
                update.Parameters.AddWithValue("$attempts", u.Attempts);
                update.Parameters.AddWithValue("$due", u.NextDueAt is { } due ? due.ToUnixTimeMilliseconds() : DBNull.Value);
                update.Parameters.AddWithValue("$outcome", (object?)u.LastOutcome ?? DBNull.Value);
                update.Parameters.AddWithValue("$agent", (object?)u.CallbackAgentId ?? DBNull.Value);
                update.ExecuteNonQuery();
            }

            transaction.Commit();
            return 0;
        });
    }

    public void DeleteCampaign(string campaignId) => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM dialer_leads WHERE campaign_id = $c;";
        command.Parameters.AddWithValue("$c", campaignId);
        return command.ExecuteNonQuery();
    });

    private IReadOnlyList<LeadRow> Query(string campaignId, string filter, int offset, int limit) => _database.Use(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {LeadColumns} FROM dialer_leads WHERE campaign_id = $c {filter} ORDER BY rowid LIMIT $limit OFFSET $offset;";
        command.Parameters.AddWithValue("$c", campaignId);
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$offset", offset);
        using var reader = command.ExecuteReader();
        var rows = new List<LeadRow>();
        while (reader.Read())
        {
            rows.Add(ReadRow(reader));
        }

        return (IReadOnlyList<LeadRow>)rows;
    });

    private static LeadRow ReadRow(SqliteDataReader reader)
    {
        var kind = Enum.TryParse<PhoneNumberKind>(reader.GetString(5), out var k) ? k : PhoneNumberKind.Unknown;
        var fields = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(7)) ?? [];
        var lead = new Lead(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            new NormalizedPhoneNumber(reader.GetString(3), reader.GetString(4), kind),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            fields,
            reader.GetInt32(8),
            reader.GetInt32(9));
        return new LeadRow(
            lead,
            reader.GetString(10),
            reader.GetInt32(11),
            reader.IsDBNull(12) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(12)),
            reader.IsDBNull(13) ? null : reader.GetString(13),
            reader.IsDBNull(14) ? null : reader.GetString(14));
    }
}
