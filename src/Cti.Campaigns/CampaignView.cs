namespace Cti.Campaigns;

/// <summary>A campaign's definition with its live status.</summary>
internal sealed record CampaignView(CampaignDefinition Definition, CampaignLiveStatus Status);
