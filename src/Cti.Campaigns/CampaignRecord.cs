namespace Cti.Campaigns;

/// <summary>A stored campaign: its definition, the run state to resume with, and whether it came from the settings file or the API.</summary>
internal sealed record CampaignRecord(CampaignDefinition Definition, string Status, string Origin);
