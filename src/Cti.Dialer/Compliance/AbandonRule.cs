using Cti.Dialer.Campaigns;

namespace Cti.Dialer.Compliance;

/// <summary>
/// The abandon rule: a person who answers and gets no agent within the campaign's wait (2 s) is abandoned;
/// call control then plays a short message naming the caller and hangs up.
/// </summary>
public static class AbandonRule
{
    public static AbandonDecision Decide(CampaignConfig campaign, TimeSpan waitedSinceAnswer, bool agentAvailable)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (agentAvailable && waitedSinceAnswer <= campaign.AbandonAgentWait)
        {
            return AbandonDecision.ConnectToAgent;
        }

        return waitedSinceAnswer < campaign.AbandonAgentWait ? AbandonDecision.KeepWaiting : AbandonDecision.PlayMessageAndHangUp;
    }

    public static string Message(CampaignConfig campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return campaign.AbandonMessageTemplate
            .Replace("{company}", campaign.CompanyName, StringComparison.Ordinal)
            .Replace("{callback}", campaign.CallbackNumber, StringComparison.Ordinal);
    }
}
