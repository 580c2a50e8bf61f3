using Cti.Dialer.Campaigns;
using Cti.Campaigns;

namespace Cti.Campaigns.Tests;

/// <summary>An agent source whose picture the test sets.</summary>
internal sealed class FakeOutboundAgentSource : IOutboundAgentSource
{
    public AgentAvailability Availability { get; set; } = AgentAvailability.None;

    public string Name => "fake";

    public ValueTask<AgentAvailability> GetAvailabilityAsync(CampaignConfig campaign, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Availability);

    public static AgentAvailability Free(params string[] agents) => new(agents.Length, agents, []);
}
