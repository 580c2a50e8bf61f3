using Microsoft.Extensions.Logging;

namespace Cti.Gateways.Hosting;

internal sealed partial class GatewayLineWorker
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 7030, Level = LogLevel.Warning, Message = "Gateway line {Line}: open attempt {Attempt} failed, retrying in {DelayMs} ms: {Error}")]
        public static partial void OpenFailed(ILogger logger, string line, int attempt, double delayMs, string? error);

        [LoggerMessage(EventId = 7031, Level = LogLevel.Warning, Message = "Gateway line {Line}: module not answering, sending {Command} (stall {Stalls} of {Max})")]
        public static partial void Resetting(ILogger logger, string line, string command, int stalls, int max);

        [LoggerMessage(EventId = 7032, Level = LogLevel.Error, Message = "Gateway line {Line} taken out of service: {Reason}")]
        public static partial void OutOfService(ILogger logger, string line, string reason);

        [LoggerMessage(EventId = 7033, Level = LogLevel.Error, Message = "Gateway line {Line}: unexpected error; reopening")]
        public static partial void Unexpected(ILogger logger, string line, Exception exception);
    }
}
