namespace Cti.Events;

internal sealed partial class EventWriter
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 7600, Level = LogLevel.Error, Message = "Event batch of {Count} events could not be committed; none were published")]
        public static partial void BatchFailed(ILogger logger, int count, Exception exception);

        [LoggerMessage(EventId = 7601, Level = LogLevel.Error, Message = "Event of type {Type} could not be written")]
        public static partial void PublishFailed(ILogger logger, string type, Exception exception);

        [LoggerMessage(EventId = 7602, Level = LogLevel.Warning, Message = "Event of type {Type} dropped: the event writer has stopped")]
        public static partial void DroppedAfterStop(ILogger logger, string type);
    }
}
