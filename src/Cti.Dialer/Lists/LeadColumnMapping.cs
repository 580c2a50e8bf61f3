namespace Cti.Dialer.Lists;

/// <summary>
/// Which CSV columns hold what. Header names are matched case-insensitively after trimming.
/// <see cref="CustomFields"/> maps a CSV header to the lead field name (e.g. "保险到期" → "insurance_expiry").
/// </summary>
public sealed record LeadColumnMapping
{
    public required string PhoneColumn { get; init; }

    public string? NameColumn { get; init; }

    public string? SourceColumn { get; init; }

    public string? PriorityColumn { get; init; }

    public IReadOnlyDictionary<string, string> CustomFields { get; init; } = new Dictionary<string, string>();
}
