namespace Cti.Host.Events;

/// <summary>The configured API key that made a request: its name and roles.</summary>
internal sealed record ApiCaller(string Name, IReadOnlySet<string> Roles)
{
    public const string ExportRole = "export";
    public const string AdminRole = "admin";

    public bool HasRole(string role) => Roles.Contains(role);

    /// <summary>Full phone numbers (and CSV export) are for <c>export</c> and <c>admin</c> keys only.</summary>
    public bool SeesFullNumbers => HasRole(ExportRole) || HasRole(AdminRole);
}
