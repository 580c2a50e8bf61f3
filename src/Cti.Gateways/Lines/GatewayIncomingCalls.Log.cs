using Microsoft.Extensions.Logging;

namespace Cti.Gateways.Lines;

internal sealed partial class GatewayIncomingCalls
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 7014, Level = LogLevel.Information, Message = "Gateway line {Line} incoming call from {Number}")]
        public static partial void Incoming(ILogger logger, string line, string number);
    }
}
