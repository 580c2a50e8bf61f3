namespace Cti.Campaigns;

internal static partial class DialerEndpoints
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 4120, Level = LogLevel.Warning, Message = "Campaign {CampaignId}: {Rows} leads exported with full numbers by API key {KeyName}")]
        public static partial void LeadsExported(ILogger logger, string campaignId, string keyName, int rows);
    }
}
