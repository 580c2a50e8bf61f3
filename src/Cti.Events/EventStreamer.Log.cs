namespace Cti.Events;

internal sealed partial class EventStreamer
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 7620, Level = LogLevel.Warning, Message = "Event stream of key '{Key}' disconnected: it fell more than {Buffer} events behind")]
        public static partial void SlowClientDisconnected(ILogger logger, string key, int buffer);
    }
}
