using Microsoft.Extensions.Logging;

namespace Cti.Routing.Engine;

public sealed partial class AcdEngine
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Routing engine started")]
        public static partial void Started(ILogger logger);

        [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "Routing engine stopped")]
        public static partial void Stopped(ILogger logger);

        [LoggerMessage(EventId = 2012, Level = LogLevel.Error, Message = "Routing command {Command} failed")]
        public static partial void CommandFailed(ILogger logger, string command, Exception exception);
    }
}
