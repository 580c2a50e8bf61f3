using Microsoft.Extensions.Logging;

namespace Cti.Gateways.Lines;

internal sealed partial class GatewayDialling
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 7012, Level = LogLevel.Information, Message = "Gateway line {Line} dialling {Number}")]
        public static partial void Dialling(ILogger logger, string line, string number);
    }
}
