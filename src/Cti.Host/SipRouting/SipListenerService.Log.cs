namespace Cti.Host.SipRouting;

internal sealed partial class SipListenerService
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "SIP listeners closed")]
        public static partial void Stopped(ILogger logger);
    }
}
