using Microsoft.Extensions.Logging;

namespace Cti.Gateways.Lines;

internal sealed partial class GatewayCallControl
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 7013, Level = LogLevel.Information, Message = "Gateway line {Line} dial ended: {Outcome} {Cause}")]
        public static partial void DialResult(ILogger logger, string line, string outcome, string? cause);

        [LoggerMessage(EventId = 7015, Level = LogLevel.Information, Message = "Gateway line {Line} call ended: {Outcome}")]
        public static partial void CallEnded(ILogger logger, string line, string outcome);
    }
}
