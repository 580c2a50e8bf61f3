using System.Globalization;
using System.Text;
using System.Text.Json;
using Cti.Platform.Export;

namespace Cti.Cdrs;

/// <summary>CSV (RFC 4180, comma, CRLF) of CDRs with a header row; the transfer chain is one JSON cell.</summary>
internal static class CdrCsv
{
    public const string Header =
        "call_id,direction,trunk,line,from,to,did,queue,agent,campaign,lead,start_at,queued_at,offered_at,answered_at,end_at,"
        + "wait_seconds,ring_seconds,talk_seconds,hold_seconds,wrap_up_seconds,disposition,sip_code,q850_cause,hung_up_by,transfers,recording_path,recording_gaps,wrap_up_code,monitoring";

    private static readonly JsonSerializerOptions TransferJson = new(JsonSerializerDefaults.Web);

    public static string Row(CdrView v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var cells = new string?[]
        {
            v.CallId, v.Direction, v.Trunk, v.Line, v.From, v.To, v.Did, v.Queue, v.Agent, v.Campaign, v.Lead,
            Time(v.StartAt), Time(v.QueuedAt), Time(v.OfferedAt), Time(v.AnsweredAt), Time(v.EndAt),
            Num(v.WaitSeconds), Num(v.RingSeconds), Num(v.TalkSeconds), Num(v.HoldSeconds), Num(v.WrapUpSeconds),
            v.Disposition, v.SipCode?.ToString(CultureInfo.InvariantCulture), v.Q850Cause?.ToString(CultureInfo.InvariantCulture), v.HungUpBy,
            JsonSerializer.Serialize(v.Transfers, TransferJson), v.RecordingPath,
            JsonSerializer.Serialize(v.RecordingGaps, TransferJson), v.WrapUpCode, JsonSerializer.Serialize(v.Monitoring, TransferJson),
        };
        var row = new StringBuilder(256);
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                row.Append(',');
            }

            row.Append(Escape(cells[i]));
        }

        return row.ToString();
    }

    /// <summary>One cell, quoted and neutralised for spreadsheets (<see cref="CsvCell"/>).</summary>
    public static string Escape(string? cell) => CsvCell.Escape(cell);

    private static string? Time(DateTimeOffset? at) => at is { } v ? Events.EventJson.FormatTime(v) : null;

    private static string Num(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
