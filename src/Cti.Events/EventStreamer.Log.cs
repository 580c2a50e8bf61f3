namespace Cti.Events;

internal sealed partial class EventStreamer
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 7620, Level = LogLevel.Warning, Message = "Event stream of key '{Key}' disconnected: it fell more than {Buffer} events behind")]
        public static partial void SlowClientDisconnected(ILogger logger, string key, int buffer);

        [LoggerMessage(EventId = 7621, Level = LogLevel.Warning, Message = "Event stream of key '{Key}' disconnected: a write did not complete within {Timeout} (the client stopped reading)")]
        public static partial void StalledClientDisconnected(ILogger logger, string key, TimeSpan timeout);
    }
}
