using Microsoft.Extensions.Logging;

namespace Cti.Gateways.Lines;

internal sealed partial class GatewayLine
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 7017, Level = LogLevel.Error, Message = "A gateway line {Line} event handler failed")]
        public static partial void HandlerFailed(ILogger logger, string line, Exception exception);
    }
}
