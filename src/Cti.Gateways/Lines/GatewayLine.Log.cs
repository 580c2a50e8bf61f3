using Cti.Gateways.At;
using Cti.Gateways.Hosting;
using Microsoft.Extensions.Logging;

namespace Cti.Gateways.Lines;

internal sealed partial class GatewayLine
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Gateway line {Line} is up (signal {SignalDbm} dBm, registration {Registration})")]
        public static partial void LineUp(ILogger logger, string line, int? signalDbm, NetworkRegistration? registration);

        [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "Gateway line {Line} is down: {Reason}")]
        public static partial void LineDown(ILogger logger, string line, string reason);

        [LoggerMessage(EventId = 7012, Level = LogLevel.Information, Message = "Gateway line {Line} dialling {Number}")]
        public static partial void Dialling(ILogger logger, string line, string number);

        [LoggerMessage(EventId = 7013, Level = LogLevel.Information, Message = "Gateway line {Line} dial ended: {Outcome} {Cause}")]
        public static partial void DialResult(ILogger logger, string line, string outcome, string? cause);

        [LoggerMessage(EventId = 7014, Level = LogLevel.Information, Message = "Gateway line {Line} incoming call from {Number}")]
        public static partial void Incoming(ILogger logger, string line, string number);

        [LoggerMessage(EventId = 7015, Level = LogLevel.Information, Message = "Gateway line {Line} call ended: {Outcome}")]
        public static partial void CallEnded(ILogger logger, string line, string outcome);

        [LoggerMessage(EventId = 7016, Level = LogLevel.Warning, Message = "Gateway line {Line} taken out of service: {Reason}")]
        public static partial void ManualOutOfService(ILogger logger, string line, string reason);

        [LoggerMessage(EventId = 7017, Level = LogLevel.Error, Message = "A gateway line {Line} event handler failed")]
        public static partial void HandlerFailed(ILogger logger, string line, Exception exception);
    }
}
