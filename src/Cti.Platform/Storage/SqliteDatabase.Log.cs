using Microsoft.Extensions.Logging;

namespace Cti.Platform.Storage;

internal sealed partial class SqliteDatabase
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Database schema migrated to version {Version} ({Description})")]
        public static partial void MigrationApplied(ILogger logger, int version, string description);

        [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Database checkpoint on shutdown failed")]
        public static partial void CheckpointFailed(ILogger logger, Exception exception);
    }
}
