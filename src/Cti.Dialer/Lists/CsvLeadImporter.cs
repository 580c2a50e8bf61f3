using System.Globalization;
using System.Text;
using Cti.Numbers;
using CsvHelper;
using CsvHelper.Configuration;

namespace Cti.Dialer.Lists;

/// <summary>
/// Imports a CSV list (UTF-8 with or without BOM) into leads: maps columns, normalises numbers to E.164,
/// rejects bad rows with their line number and reason, and dedupes within the file and across the campaign.
/// </summary>
public sealed class CsvLeadImporter
{
    private readonly PhoneNumberNormalizer _normalizer;
    private readonly ILeadStore _store;

    public CsvLeadImporter(PhoneNumberNormalizer normalizer, ILeadStore store)
    {
        _normalizer = normalizer ?? throw new ArgumentNullException(nameof(normalizer));
        _store = store ?? throw new ArgumentNullException(nameof(store));
    }

    /// <summary>Reads <paramref name="csv"/> and adds the accepted leads to the store under <paramref name="campaignId"/>.</summary>
    public LeadImportResult Import(Stream csv, string campaignId, string listId, LeadColumnMapping mapping, string defaultSource = "")
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(mapping);

        // detectEncodingFromByteOrderMarks strips a UTF-8 BOM when present; without one UTF-8 is assumed.
        using var reader = new StreamReader(csv, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            BadDataFound = null,
            DetectColumnCountChanges = false,
        };
        using var parser = new CsvReader(reader, config);

        var accepted = new List<Lead>();
        var rejected = new List<LeadImportRejection>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int dupInList = 0, dupInCampaign = 0;

        if (!parser.Read() || !parser.ReadHeader() || parser.HeaderRecord is null)
        {
            return new LeadImportResult(accepted, rejected, 0, 0, "file is empty or has no header row");
        }

        var headers = parser.HeaderRecord;
        int Find(string? name) => name is null ? -1 : Array.FindIndex(headers, h => string.Equals(h.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));

        var phoneIndex = Find(mapping.PhoneColumn);
        if (phoneIndex < 0)
        {
            return new LeadImportResult(accepted, rejected, 0, 0, $"phone column '{mapping.PhoneColumn}' not found in header");
        }

        var nameIndex = Find(mapping.NameColumn);
        var sourceIndex = Find(mapping.SourceColumn);
        var priorityIndex = Find(mapping.PriorityColumn);
        var custom = mapping.CustomFields.Select(kv => (Field: kv.Value, Index: Find(kv.Key))).Where(c => c.Index >= 0).ToArray();

        while (parser.Read())
        {
            // Parser.RawRow is the physical line where the record starts (header = 1), what a user sees in an editor.
            var row = parser.Parser.RawRow;
            string? Get(int index) => index >= 0 && index < parser.Parser.Count ? parser.GetField(index) : null;

            var rawPhone = Get(phoneIndex);
            if (!_normalizer.TryNormalize(rawPhone, out var phone, out var reason))
            {
                rejected.Add(new LeadImportRejection(row, reason!, PhoneNumberMask.Mask(rawPhone) ?? string.Empty));
                continue;
            }

            var priority = 0;
            var rawPriority = Get(priorityIndex);
            if (!string.IsNullOrEmpty(rawPriority) && !int.TryParse(rawPriority, NumberStyles.Integer, CultureInfo.InvariantCulture, out priority))
            {
                rejected.Add(new LeadImportRejection(row, $"priority '{rawPriority}' is not an integer", phone!.Masked));
                continue;
            }

            if (!seen.Add(phone!.E164))
            {
                dupInList++;
                rejected.Add(new LeadImportRejection(row, "duplicate number within the list", phone.Masked));
                continue;
            }

            if (_store.ContainsNumber(campaignId, phone.E164))
            {
                dupInCampaign++;
                rejected.Add(new LeadImportRejection(row, "number already in another list of the campaign", phone.Masked));
                continue;
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (field, index) in custom)
            {
                var value = Get(index);
                if (!string.IsNullOrEmpty(value))
                {
                    fields[field] = value;
                }
            }

            var name = Get(nameIndex);
            var source = Get(sourceIndex);
            var lead = new Lead(
                $"{listId}:{row.ToString(CultureInfo.InvariantCulture)}",
                listId,
                string.IsNullOrEmpty(source) ? defaultSource : source,
                phone,
                string.IsNullOrEmpty(name) ? null : name,
                fields,
                priority,
                row);
            accepted.Add(lead);
            _store.Add(campaignId, lead);
        }

        return new LeadImportResult(accepted, rejected, dupInList, dupInCampaign);
    }
}
