using Microsoft.Extensions.Logging;

namespace Cti.Routing.Engine.Timers;

internal sealed partial class Watchdog
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Watchdog freed agent {AgentId} (call {CallId}): {Detail}")]
        public static partial void WatchdogFreedAgent(ILogger logger, string agentId, string? callId, string detail);
    }
}
