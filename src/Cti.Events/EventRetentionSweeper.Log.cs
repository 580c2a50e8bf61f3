namespace Cti.Events;

internal sealed partial class EventRetentionSweeper
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 7610, Level = LogLevel.Information, Message = "Deleted {Count} events older than {Days} days")]
        public static partial void Swept(ILogger logger, int count, int days);

        [LoggerMessage(EventId = 7611, Level = LogLevel.Warning, Message = "Event retention sweep failed")]
        public static partial void SweepFailed(ILogger logger, Exception exception);
    }
}
