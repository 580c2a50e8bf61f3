using Cti.Numbers;

namespace Cti.Dialer.Lists;

/// <summary>One imported contact: a normalised number, a display name and the list's custom fields.</summary>
public sealed record Lead(
    string LeadId,
    string ListId,
    string Source,
    NormalizedPhoneNumber Phone,
    string? Name,
    IReadOnlyDictionary<string, string> Fields,
    int Priority,
    int SourceRow);
