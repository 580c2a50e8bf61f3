using Cti.Numbers;

namespace Cti.Dialer.Lists;

/// <summary>The outcome of one CSV import: accepted leads and every rejected row with its reason.</summary>
public sealed record LeadImportResult(
    IReadOnlyList<Lead> Accepted,
    IReadOnlyList<LeadImportRejection> Rejected,
    int DuplicatesInList,
    int DuplicatesInCampaign,
    string? FileError = null)
{
    public bool Succeeded => FileError is null;

    public int MobileCount => Accepted.Count(l => l.Phone.Kind == PhoneNumberKind.Mobile);

    public int FixedLineCount => Accepted.Count(l => l.Phone.Kind == PhoneNumberKind.FixedLine);
}
