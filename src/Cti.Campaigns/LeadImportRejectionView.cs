namespace Cti.Campaigns;

/// <summary>One refused row: its line in the file (header = 1), the reason, and the number masked.</summary>
internal sealed record LeadImportRejectionView(int Row, string Reason, string? Phone);
