using Cti.Gateways.At;
using Microsoft.Extensions.Logging;

namespace Cti.Gateways.Lines;

internal sealed partial class GatewayLineHealth
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Gateway line {Line} is up (signal {SignalDbm} dBm, registration {Registration})")]
        public static partial void LineUp(ILogger logger, string line, int? signalDbm, NetworkRegistration? registration);

        [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "Gateway line {Line} is down: {Reason}")]
        public static partial void LineDown(ILogger logger, string line, string reason);

        [LoggerMessage(EventId = 7016, Level = LogLevel.Warning, Message = "Gateway line {Line} taken out of service: {Reason}")]
        public static partial void ManualOutOfService(ILogger logger, string line, string reason);
    }
}
