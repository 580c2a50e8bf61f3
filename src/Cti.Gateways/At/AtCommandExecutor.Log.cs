using Cti.Gateways.Hosting;
using Microsoft.Extensions.Logging;

namespace Cti.Gateways.At;

internal sealed partial class AtCommandExecutor
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 7000, Level = LogLevel.Trace, Message = "AT >> {Command}")]
        public static partial void Sending(ILogger logger, string command);

        [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "AT command {Command} got no final result code within {TimeoutMs} ms")]
        public static partial void TimedOut(ILogger logger, string command, double timeoutMs);

        [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Serial port {Port} failed: {Error}")]
        public static partial void PortFailed(ILogger logger, string port, string error);

        [LoggerMessage(EventId = 7003, Level = LogLevel.Debug, Message = "Ignored an unsolicited text line of {Length} characters")]
        public static partial void Ignored(ILogger logger, int length);
    }
}
