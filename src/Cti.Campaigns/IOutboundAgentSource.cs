using Cti.Dialer.Campaigns;

namespace Cti.Campaigns;

/// <summary>
/// The ACD's picture of a campaign's agents (logged in, free, busy time). Polled by each campaign every refresh;
/// with nobody logged in a campaign places no calls.
/// </summary>
internal interface IOutboundAgentSource
{
    string Name { get; }

    ValueTask<AgentAvailability> GetAvailabilityAsync(CampaignConfig campaign, CancellationToken cancellationToken);
}
