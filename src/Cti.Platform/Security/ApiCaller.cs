namespace Cti.Platform.Security;

/// <summary>The configured API key that made a request: its name and roles.</summary>
internal sealed record ApiCaller(string Name, IReadOnlySet<string> Roles)
{
    public const string ExportRole = "export";
    public const string AdminRole = "admin";

    /// <summary>A request without a known key (the API-key filter refuses those before any role check).</summary>
    public static ApiCaller Anonymous { get; } = new(string.Empty, new HashSet<string>());

    public bool HasRole(string role) => Roles.Contains(role);

    /// <summary>Full phone numbers (and CSV export) are for <c>export</c> and <c>admin</c> keys only.</summary>
    public bool SeesFullNumbers => HasRole(ExportRole) || HasRole(AdminRole);
}
