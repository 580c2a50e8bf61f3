namespace Cti.Platform.Security;

/// <summary>The claims an API key's principal carries besides its name and roles.</summary>
internal static class CtiClaimTypes
{
    /// <summary>The agent id an <c>agent</c> key acts for.</summary>
    public const string Agent = "cti:agent";

    /// <summary>One team a <c>supervisor</c> key oversees (one claim per team).</summary>
    public const string Team = "cti:team";
}
