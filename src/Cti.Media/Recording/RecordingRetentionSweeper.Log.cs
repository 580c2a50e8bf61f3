using Microsoft.Extensions.Logging;

namespace Cti.Media.Recording;

public sealed partial class RecordingRetentionSweeper
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 2620, Level = LogLevel.Information, Message = "Deleted {Count} recordings older than {Days} days")]
        public static partial void Swept(ILogger logger, int count, int days);

        [LoggerMessage(EventId = 2621, Level = LogLevel.Warning, Message = "Could not delete recording {File}")]
        public static partial void DeleteFailed(ILogger logger, Exception exception, string file);
    }
}
