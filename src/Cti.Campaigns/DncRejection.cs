namespace Cti.Campaigns;

/// <summary>A do-not-call entry that was refused: its position (1-based index or line) and the masked input.</summary>
internal sealed record DncRejection(int Position, string Reason, string MaskedInput);
