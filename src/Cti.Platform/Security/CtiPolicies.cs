namespace Cti.Platform.Security;

/// <summary>
/// The authorization policies of the API, by what an endpoint does; each admits the roles in <see cref="Roles"/>.
/// Endpoints use them with <c>.RequireAuthorization(CtiPolicies.X)</c>; which agents or data a role reaches within
/// an endpoint is the endpoint's check (<see cref="ApiCaller"/>).
/// </summary>
internal static class CtiPolicies
{
    /// <summary>Read operational state: queues, routing statistics, trunks, lines, registrations, campaigns, events.</summary>
    public const string Monitor = "cti.monitor";

    /// <summary>Read call detail records.</summary>
    public const string CallRecords = "cti.call-records";

    /// <summary>Read agents (agent keys: their own; supervisors: their teams').</summary>
    public const string AgentsRead = "cti.agents.read";

    /// <summary>Change an agent's state (agent keys: their own; supervisors: force their teams' agents).</summary>
    public const string AgentControl = "cti.agents.control";

    /// <summary>Work on calls as an agent or supervisor: previews, dispositions.</summary>
    public const string CallControl = "cti.calls.control";

    /// <summary>Supervise other people's calls: monitor, whisper, barge, take over (audited).</summary>
    public const string SuperviseCalls = "cti.calls.supervise";

    /// <summary>Run campaigns (start, pause, stop) and add numbers to the do-not-call list.</summary>
    public const string CampaignControl = "cti.campaigns.control";

    /// <summary>Change the configuration: queues, agents, campaigns, lists, gateway lines.</summary>
    public const string Configure = "cti.configure";

    /// <summary>Delete: queues, campaigns, do-not-call entries.</summary>
    public const string Delete = "cti.delete";

    /// <summary>Export personal data in bulk: CDR CSV, leads CSV.</summary>
    public const string Export = "cti.export";

    /// <summary>List and play call recordings (supervisors: their teams' agents).</summary>
    public const string Recordings = "cti.recordings";

    /// <summary>Read the audit log.</summary>
    public const string Audit = "cti.audit";

    /// <summary>The roles each policy admits.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Roles = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Monitor] = [ApiRoles.Admin, ApiRoles.Supervisor, ApiRoles.Integrator, ApiRoles.Export],
        [CallRecords] = [ApiRoles.Admin, ApiRoles.Supervisor, ApiRoles.Integrator, ApiRoles.Qc, ApiRoles.Export],
        [AgentsRead] = [ApiRoles.Admin, ApiRoles.Supervisor, ApiRoles.Integrator, ApiRoles.Agent, ApiRoles.Export],
        [AgentControl] = [ApiRoles.Admin, ApiRoles.Supervisor, ApiRoles.Agent],
        [CallControl] = [ApiRoles.Admin, ApiRoles.Supervisor, ApiRoles.Agent],
        [SuperviseCalls] = [ApiRoles.Admin, ApiRoles.Supervisor],
        [CampaignControl] = [ApiRoles.Admin, ApiRoles.Supervisor],
        [Configure] = [ApiRoles.Admin],
        [Delete] = [ApiRoles.Admin],
        [Export] = [ApiRoles.Admin, ApiRoles.Export],
        [Recordings] = [ApiRoles.Admin, ApiRoles.Supervisor, ApiRoles.Qc],
        [Audit] = [ApiRoles.Admin],
    };
}
