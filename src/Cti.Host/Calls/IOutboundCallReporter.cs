using Cti.Dialer.Campaigns;

namespace Cti.Host.Calls;

/// <summary>What outbound calls tell the dialer, and ask it: outcomes, and which campaign agents are free now.</summary>
internal interface IOutboundCallReporter
{
    void Report(string campaignId, CallOutcomeReport report);

    /// <summary>The campaign's agents that are Ready and idle, best first.</summary>
    ValueTask<IReadOnlyList<string>> FreeAgentsAsync(string campaignId, CancellationToken cancellationToken);
}
