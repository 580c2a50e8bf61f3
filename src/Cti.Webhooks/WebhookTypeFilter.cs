namespace Cti.Webhooks;

/// <summary>Which event types a subscription wants: exact names, prefixes written <c>call.*</c>, or <c>*</c>; none means all.</summary>
internal sealed class WebhookTypeFilter
{
    private readonly string[] _exact;
    private readonly string[] _prefixes;
    private readonly bool _all;

    public WebhookTypeFilter(IReadOnlyCollection<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        _all = patterns.Count == 0 || patterns.Contains("*");
        _exact = [.. patterns.Where(p => !p.EndsWith('*'))];
        _prefixes = [.. patterns.Where(p => p.EndsWith(".*", StringComparison.Ordinal)).Select(p => p[..^1])];
    }

    public static bool IsValidPattern(string? pattern) =>
        pattern == "*" ||
        (pattern is not null && pattern.EndsWith(".*", StringComparison.Ordinal) && Cti.Events.CtiEventTypes.IsValidName(pattern[..^2])) ||
        (pattern is not null && Cti.Events.CtiEventTypes.IsValidName(pattern));

    public bool Matches(string type) =>
        _all || _exact.Contains(type, StringComparer.Ordinal) || _prefixes.Any(p => type.StartsWith(p, StringComparison.Ordinal));
}
