using Cti.Dialer.Campaigns;

namespace Cti.Campaigns;

internal sealed partial class CampaignRuntime
{
    // Event ids 4100-4199 belong to the dialer's host side.
    private static partial class Log
    {
        [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Campaign {CampaignId} loaded {Leads} open leads, starting {State}")]
        public static partial void Started(ILogger logger, string campaignId, int leads, CampaignRunState state);

        [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Campaign {CampaignId} refresh failed")]
        public static partial void RefreshFailed(ILogger logger, Exception exception, string campaignId);
    }
}
