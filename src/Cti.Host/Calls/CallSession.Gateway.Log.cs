namespace Cti.Host.Calls;

internal sealed partial class CallSession
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 5400, Level = LogLevel.Information, Message = "Call {CallId} from gateway line {Line} queued for {Queue}")]
        public static partial void GatewayCallStarted(ILogger logger, string callId, string line, string queue);

        [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "Call {CallId}: dialling on gateway line {Line}")]
        public static partial void GatewayDialing(ILogger logger, string callId, string line);
    }
}
