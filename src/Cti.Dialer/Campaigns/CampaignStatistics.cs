namespace Cti.Dialer.Campaigns;

/// <summary>A snapshot of a campaign's counters and abandon rates.</summary>
public sealed record CampaignStatistics(
    long Dialled,
    long LiveAnswered,
    long Abandoned,
    double AbandonRateUsTsr30Days,
    double AbandonRateOfcom24Hours,
    double AbandonRateUsTsr24Hours,
    IReadOnlyDictionary<string, long> ComplianceBlocks,
    int PendingLeads,
    int OutstandingCalls);
