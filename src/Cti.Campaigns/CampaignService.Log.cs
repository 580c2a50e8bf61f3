using Cti.Dialer.Campaigns;

namespace Cti.Campaigns;

internal sealed partial class CampaignService
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 4110, Level = LogLevel.Error, Message = "Stored campaign {CampaignId} is invalid and was not started: {Errors}")]
        public static partial void StoredCampaignInvalid(ILogger logger, string campaignId, string errors);

        [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "Campaign {CampaignId} asked to become {State}")]
        public static partial void StateRequested(ILogger logger, string campaignId, CampaignRunState state);

        [LoggerMessage(EventId = 4112, Level = LogLevel.Information, Message = "Campaign {CampaignId} imported list {ListId}: {Accepted} accepted, {Rejected} rejected")]
        public static partial void ListImported(ILogger logger, string campaignId, string listId, int accepted, int rejected);

        [LoggerMessage(EventId = 4113, Level = LogLevel.Information, Message = "Campaign {CampaignId}: {MaskedNumber} added to do-not-call by agent {AgentId}")]
        public static partial void DoNotCallAdded(ILogger logger, string campaignId, string maskedNumber, string agentId);
    }
}
