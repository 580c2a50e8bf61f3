namespace Cti.Trunks;

/// <summary>Values of the <c>reason</c> label of <c>cti_trunk_rejected_total</c>.</summary>
internal static class TrunkRejectReasons
{
    public const string SourceNotAllowed = "source_not_allowed";
    public const string UnknownDid = "unknown_did";
    public const string RegisterNotAllowed = "register_not_allowed";

    public static readonly IReadOnlyList<string> All = [SourceNotAllowed, UnknownDid, RegisterNotAllowed];
}
