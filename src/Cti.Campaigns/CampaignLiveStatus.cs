namespace Cti.Campaigns;

/// <summary>A campaign's live figures as the API and the metrics show them.</summary>
internal sealed record CampaignLiveStatus(
    string Id,
    string Mode,
    string State,
    double DialLevel,
    int LeadsLeft,
    long CallsPlaced,
    long CallsAnswered,
    long CallsAbandoned,
    AbandonRateView AbandonRates,
    IReadOnlyDictionary<string, long> BlocksByPolicy,
    int AgentsLoggedIn,
    int AgentsFree,
    int CallsInProgress,
    int PendingDialRequests,
    IReadOnlyList<PendingDialView> PendingSample,
    string Dialing);
