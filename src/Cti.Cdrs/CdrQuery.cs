using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Cti.Cdrs;

/// <summary>
/// Filters and paging of GET /api/v1/cdrs (and .csv): start time in [from, to), queue, agent, disposition,
/// direction; keyset paging ordered by start time then call id. <see cref="Parse"/> lists every bad parameter.
/// </summary>
internal sealed record CdrQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public string? Queue { get; init; }

    public string? Agent { get; init; }

    /// <summary>One call by its id.</summary>
    public string? CallId { get; init; }

    /// <summary>Only calls handled by one of these agents (a supervisor's teams); null for no restriction.</summary>
    public IReadOnlySet<string>? AgentIn { get; init; }

    /// <summary>Only calls with a recording.</summary>
    public bool RecordedOnly { get; init; }

    public CdrDisposition? Disposition { get; init; }

    public CallDirection? Direction { get; init; }

    public int Limit { get; init; } = DefaultLimit;

    /// <summary>Resume after this (start time, call id); from <see cref="CdrPage.NextCursor"/>.</summary>
    public (DateTimeOffset StartAt, string CallId)? After { get; init; }

    public static string EncodeCursor(DateTimeOffset startAt, string callId) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(startAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "|" + callId));

    public static (CdrQuery? Query, Dictionary<string, string[]> Errors) Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new Dictionary<string, string[]>();
        var from = ParseTime(query, "from", errors);
        var to = ParseTime(query, "to", errors);
        if (from is not null && to is not null && to <= from)
        {
            errors["to"] = ["to must be later than from."];
        }

        CdrDisposition? disposition = null;
        if (Text(query, "disposition") is { } d)
        {
            if (CdrWire.TryParse<CdrDisposition>(d, out var parsed))
            {
                disposition = parsed;
            }
            else
            {
                errors["disposition"] = [$"disposition must be one of: {CdrWire.Names<CdrDisposition>()}."];
            }
        }

        CallDirection? direction = null;
        if (Text(query, "direction") is { } dir)
        {
            if (CdrWire.TryParse<CallDirection>(dir, out var parsed))
            {
                direction = parsed;
            }
            else
            {
                errors["direction"] = [$"direction must be one of: {CdrWire.Names<CallDirection>()}."];
            }
        }

        var limit = DefaultLimit;
        if (Text(query, "limit") is { } l && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"limit must be a whole number from 1 to {MaxLimit}."];
        }

        (DateTimeOffset, string)? after = null;
        if (Text(query, "cursor") is { } cursor)
        {
            after = DecodeCursor(cursor);
            if (after is null)
            {
                errors["cursor"] = ["cursor is not one returned by this API (use nextCursor of the previous page)."];
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new CdrQuery
        {
            From = from,
            To = to,
            Queue = Text(query, "queue"),
            Agent = Text(query, "agent"),
            CallId = Text(query, "callId"),
            Disposition = disposition,
            Direction = direction,
            Limit = limit,
            After = after,
        }, errors);
    }

    private static string? Text(IQueryCollection query, string name)
    {
        var value = query[name].ToString();
        return value.Length == 0 ? null : value;
    }

    private static DateTimeOffset? ParseTime(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (Text(query, name) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            && text.Contains('T', StringComparison.Ordinal))
        {
            return value;
        }

        errors[name] = [$"{name} must be an ISO-8601 date and time, e.g. 2026-01-31T08:00:00Z."];
        return null;
    }

    private static (DateTimeOffset, string)? DecodeCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0 && long.TryParse(text.AsSpan(0, bar), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms) && bar < text.Length - 1)
            {
                return (DateTimeOffset.FromUnixTimeMilliseconds(ms), text[(bar + 1)..]);
            }
        }
        catch (FormatException)
        {
        }
        catch (ArgumentOutOfRangeException)
        {
        }

        return null;
    }
}
