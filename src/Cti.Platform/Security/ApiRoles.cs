namespace Cti.Platform.Security;

/// <summary>The roles an API key can hold (<c>Cti:Api:Keys:&lt;name&gt;:Roles</c>).</summary>
internal static class ApiRoles
{
    /// <summary>An agent's desktop: its own agent state, previews and dispositions; bound to one agent id.</summary>
    public const string Agent = "agent";

    /// <summary>Monitors everything, controls calls and the agent states of its teams.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Quality control: recordings and call records.</summary>
    public const string Qc = "qc";

    /// <summary>A system reading events, call records and calls; numbers masked, no exports.</summary>
    public const string Integrator = "integrator";

    /// <summary>Configuration, deletes, exports and full personal data.</summary>
    public const string Admin = "admin";

    /// <summary>
    /// Deprecated: full numbers and exports, plus the reads of <see cref="Integrator"/> (what such keys could do
    /// before roles). Still honoured, with a warning at start; give <see cref="Admin"/> instead.
    /// </summary>
    public const string Export = "export";

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        Agent, Supervisor, Qc, Integrator, Admin, Export,
    };
}
