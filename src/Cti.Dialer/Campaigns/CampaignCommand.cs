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
}
