namespace Cti.Campaigns;

/// <summary>The response to a list upload.</summary>
internal sealed record LeadImportView(
    string CampaignId,
    string ListId,
    int Accepted,
    int RejectedCount,
    int DuplicatesInList,
    int DuplicatesInCampaign,
    int Mobile,
    int FixedLine,
    IReadOnlyList<LeadImportRejectionView> Rejected);
