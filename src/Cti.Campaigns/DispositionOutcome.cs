namespace Cti.Campaigns;

/// <summary>What the service did with an agent's disposition.</summary>
internal sealed record DispositionOutcome(string CampaignId, string LeadId, string? CallId, string Disposition, bool AddedToDoNotCall);
