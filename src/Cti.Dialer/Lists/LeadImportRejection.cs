namespace Cti.Dialer.Lists;

/// <summary>A row the import refused. <see cref="RowNumber"/> is the 1-based line in the file, the header being line 1.</summary>
public sealed record LeadImportRejection(int RowNumber, string Reason, string? MaskedPhone);
