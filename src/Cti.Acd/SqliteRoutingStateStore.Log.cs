namespace Cti.Acd;

internal sealed partial class SqliteRoutingStateStore
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 7401, Level = LogLevel.Warning, Message = "Writing {Count} routing state rows failed; they stay pending for the next flush")]
        public static partial void FlushFailed(ILogger logger, int count, Exception exception);
    }
}
