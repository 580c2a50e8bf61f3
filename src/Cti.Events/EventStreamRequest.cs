using System.Globalization;

namespace Cti.Events;

/// <summary>
/// The parsed query of the event endpoints: where to resume (<c>Last-Event-ID</c> header or <c>since</c>), which
/// types, and for history how many. <see cref="Parse"/> collects every error.
/// </summary>
internal sealed record EventStreamRequest(long? Since, IReadOnlySet<string>? Types, int Limit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public bool Matches(string type) => Types is null || Types.Contains(type);

    public static (EventStreamRequest? Request, Dictionary<string, string[]> Errors) Parse(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        long? since = null;
        var lastEventId = request.Headers["Last-Event-ID"].ToString();
        var sinceQuery = request.Query["since"].ToString();
        if (lastEventId.Length > 0)
        {
            since = ParseSeq(lastEventId, "Last-Event-ID", errors);
        }
        else if (sinceQuery.Length > 0)
        {
            since = ParseSeq(sinceQuery, "since", errors);
        }

        HashSet<string>? types = null;
        var typesQuery = request.Query["types"].ToString();
        if (typesQuery.Length > 0)
        {
            types = new HashSet<string>(StringComparer.Ordinal);
            var bad = new List<string>();
            foreach (var type in typesQuery.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (CtiEventTypes.All.Contains(type))
                {
                    types.Add(type);
                }
                else
                {
                    bad.Add($"Unknown event type '{Truncate(type)}'; known types: {string.Join(", ", CtiEventTypes.All.Order(StringComparer.Ordinal))}.");
                }
            }

            if (bad.Count > 0)
            {
                errors["types"] = [.. bad];
            }
            else if (types.Count == 0)
            {
                errors["types"] = ["types must list at least one event type."];
            }
        }

        var limit = DefaultLimit;
        var limitQuery = request.Query["limit"].ToString();
        if (limitQuery.Length > 0 && (!int.TryParse(limitQuery, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"limit must be a whole number from 1 to {MaxLimit}."];
        }

        return errors.Count > 0 ? (null, errors) : (new EventStreamRequest(since, types, limit), errors);
    }

    private static long? ParseSeq(string text, string field, Dictionary<string, string[]> errors)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            return seq;
        }

        errors[field] = [$"{field} must be an event sequence number (a whole number ≥ 0), not '{Truncate(text)}'."];
        return null;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
