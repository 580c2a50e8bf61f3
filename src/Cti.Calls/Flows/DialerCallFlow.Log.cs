namespace Cti.Calls.Flows;

internal sealed partial class DialerCallFlow
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 5021, Level = LogLevel.Information, Message = "Call {CallId}: campaign {CampaignId} dials {MaskedNumber}")]
        public static partial void Dialing(ILogger logger, string callId, string campaignId, string maskedNumber);

        [LoggerMessage(EventId = 5022, Level = LogLevel.Information, Message = "Call {CallId}: the customer answered; finding an agent")]
        public static partial void CustomerAnswered(ILogger logger, string callId);

        [LoggerMessage(EventId = 5023, Level = LogLevel.Warning, Message = "Call {CallId}: no agent within the abandon wait; playing the abandon message")]
        public static partial void Abandoning(ILogger logger, string callId);

        [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "Call {CallId}: dialling on gateway line {Line}")]
        public static partial void GatewayDialing(ILogger logger, string callId, string line);
    }
}
