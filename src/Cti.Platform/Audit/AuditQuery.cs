using System.Globalization;

namespace Cti.Platform.Audit;

/// <summary>Filters and paging of <c>GET /api/v1/audit</c>: time in [from, to), action, after an entry id.</summary>
internal sealed record AuditQuery
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public string? Action { get; init; }

    public long After { get; init; }

    public int Limit { get; init; } = DefaultLimit;

    /// <summary>Reads the query string, listing every bad parameter.</summary>
    public static (AuditQuery? Query, Dictionary<string, string[]> Errors) Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new Dictionary<string, string[]>();
        var from = Time(query, "from", errors);
        var to = Time(query, "to", errors);
        if (from is not null && to is not null && to <= from)
        {
            errors["to"] = ["to must be later than from."];
        }

        var limit = DefaultLimit;
        if (Text(query, "limit") is { } l && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"limit must be a whole number from 1 to {MaxLimit}."];
        }

        long after = 0;
        if (Text(query, "cursor") is { } c && (!long.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out after) || after < 0))
        {
            errors["cursor"] = ["cursor is not one returned by this API (use next of the previous page)."];
        }

        return errors.Count > 0
            ? (null, errors)
            : (new AuditQuery { From = from, To = to, Action = Text(query, "action"), After = after, Limit = limit }, errors);
    }

    private static string? Text(IQueryCollection query, string name) => query[name].ToString() is { Length: > 0 } value ? value : null;

    private static DateTimeOffset? Time(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (Text(query, name) is not { } text)
        {
            return null;
        }

        if (text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        errors[name] = [$"{name} must be an ISO-8601 date and time, e.g. 2026-01-31T08:00:00Z."];
        return null;
    }
}
