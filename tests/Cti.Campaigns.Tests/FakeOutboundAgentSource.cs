using Cti.Dialer.Campaigns;
using Cti.Host.Dialer;

namespace Cti.Host.Tests.Dialer;

/// <summary>An agent source whose picture the test sets.</summary>
internal sealed class FakeOutboundAgentSource : IOutboundAgentSource
{
    public AgentAvailability Availability { get; set; } = AgentAvailability.None;

    public string Name => "fake";

    public ValueTask<AgentAvailability> GetAvailabilityAsync(CampaignConfig campaign, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Availability);

    public static AgentAvailability Free(params string[] agents) => new(agents.Length, agents, []);
}
