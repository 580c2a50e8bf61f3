namespace Cti.Dialer.Campaigns;

/// <summary>Messages posted to a <see cref="CampaignEngine"/>; the loop applies them one at a time.</summary>
public abstract record CampaignCommand
{
    public sealed record Start : CampaignCommand;

    public sealed record Pause : CampaignCommand;

    public sealed record Stop : CampaignCommand;

    public sealed record Tick : CampaignCommand;

    public sealed record AgentsChanged(AgentAvailability Agents) : CampaignCommand;

    public sealed record Outcome(CallOutcomeReport Report) : CampaignCommand;

    public sealed record Disposition(AgentDisposition Value) : CampaignCommand;

    /// <summary>Adds imported leads to a campaign whose loop is already running.</summary>
    public sealed record AddLeads(IReadOnlyList<Lists.Lead> Leads) : CampaignCommand;

    /// <summary>Runs <paramref name="Visit"/> on the loop, the only safe place to read the core's live state.</summary>
    public sealed record Inspect(Action<CampaignEngineCore> Visit) : CampaignCommand;
}
