using Cti.Dialer.Campaigns;
using Cti.Host.Calls;

namespace Cti.Host.Dialer;

/// <summary>Hands outcomes of placed calls to their campaign and looks up the campaign's free agents in the ACD.</summary>
/// <remarks>The campaign service is resolved on first use: it depends on the dial sink, which depends on call control.</remarks>
internal sealed class CampaignOutcomeReporter(IServiceProvider provider, IOutboundAgentSource agents) : IOutboundCallReporter
{
    private CampaignService? _campaigns;

    private CampaignService Campaigns => _campaigns ??= provider.GetRequiredService<CampaignService>();

    public void Report(string campaignId, CallOutcomeReport report) => Campaigns.Find(campaignId)?.ReportOutcome(report);

    public async ValueTask<IReadOnlyList<string>> FreeAgentsAsync(string campaignId, CancellationToken cancellationToken)
    {
        if (Campaigns.Find(campaignId) is not { } runtime)
        {
            return [];
        }

        var availability = await agents.GetAvailabilityAsync(runtime.Config, cancellationToken);
        return availability.FreeAgentIds;
    }
}
