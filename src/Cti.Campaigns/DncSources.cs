namespace Cti.Campaigns;

/// <summary>Where do-not-call numbers come from.</summary>
internal static class DncSources
{
    /// <summary>A callee asked not to be called again; such numbers can never be removed through the API.</summary>
    public const string Disposition = "disposition";

    public const string Api = "api";

    public const string Import = "import";
}
