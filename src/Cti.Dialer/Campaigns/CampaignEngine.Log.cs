using Microsoft.Extensions.Logging;

namespace Cti.Dialer.Campaigns;

public sealed partial class CampaignEngine
{
    // Event ids 4000-4099 belong to the dialer.
    private static partial class Log
    {
        [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Campaign {CampaignId} is now {State}")]
        public static partial void StateChanged(ILogger logger, string campaignId, CampaignRunState state);

        [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Campaign {CampaignId} dials {CallId} to {MaskedNumber} via {LineGroup}")]
        public static partial void Dialling(ILogger logger, string campaignId, string callId, string maskedNumber, string lineGroup);

        [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Campaign {CampaignId} failed to apply {Command}")]
        public static partial void CommandFailed(ILogger logger, Exception exception, string campaignId, string command);
    }
}
