namespace Cti.Platform.Audit;

/// <summary>The action names of audit entries; features add theirs here so the log has one vocabulary.</summary>
internal static class AuditActions
{
    public const string RecordingFetched = "recording.fetch";
    public const string RecordingsListed = "recording.list";
    public const string AgentStateForced = "agent.state.forced";
    public const string QueueDeleted = "queue.delete";
    public const string CampaignDeleted = "campaign.delete";
    public const string DoNotCallDeleted = "dnc.delete";
    public const string CdrsExported = "cdr.export";
    public const string LeadsExported = "leads.export";

    /// <summary>A supervisor listening to, whispering into or joining a call (written by call control).</summary>
    public const string CallMonitored = "call.monitor";
}
