namespace Cti.Campaigns;

/// <summary>One page of a campaign's leads.</summary>
internal sealed record LeadPageView(int Total, int Offset, int Limit, IReadOnlyList<LeadView> Items);
