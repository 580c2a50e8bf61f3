using System.Globalization;
using System.Text;
using Cti.Platform.Export;

namespace Cti.Campaigns;

/// <summary>Writes leads as UTF-8 CSV with a BOM (so spreadsheet programs read Chinese names correctly).</summary>
internal static class LeadCsvWriter
{
    public static byte[] Write(IReadOnlyList<LeadRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var fieldNames = rows.SelectMany(r => r.Lead.Fields.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var text = new StringBuilder();
        AppendLine(text, ["lead_id", "list_id", "phone", "name", "priority", "state", "attempts", "last_outcome", .. fieldNames]);
        foreach (var row in rows)
        {
            AppendLine(text,
            [
                row.Lead.LeadId,
                row.Lead.ListId,
                row.Lead.Phone.E164,
                row.Lead.Name ?? "",
                row.Lead.Priority.ToString(CultureInfo.InvariantCulture),
                row.State,
                row.Attempts.ToString(CultureInfo.InvariantCulture),
                row.LastOutcome ?? "",
                .. fieldNames.Select(f => row.Lead.Fields.GetValueOrDefault(f, "")),
            ]);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static void AppendLine(StringBuilder text, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            text.Append(CsvCell.Escape(values[i]));
        }

        text.Append("\r\n");
    }
}
