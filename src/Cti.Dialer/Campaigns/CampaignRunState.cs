namespace Cti.Dialer.Campaigns;

public enum CampaignRunState
{
    Stopped,
    Running,
    Paused,
}
