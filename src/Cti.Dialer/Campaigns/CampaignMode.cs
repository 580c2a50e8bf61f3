namespace Cti.Dialer.Campaigns;

public enum CampaignMode
{
    /// <summary>The agent sees the lead first and starts the call.</summary>
    Preview,

    /// <summary>One call per free agent.</summary>
    Progressive,

    /// <summary>More calls than free agents, paced by a model of answers and agent availability.</summary>
    Predictive,
}
