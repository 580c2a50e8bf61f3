namespace Cti.Campaigns;

/// <summary>One do-not-call number, where it came from and when it was added.</summary>
internal sealed record DncEntry(string E164, string Source, DateTimeOffset AddedAt);
