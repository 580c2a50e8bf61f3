namespace Cti.Acd;

internal sealed partial class AcdOutputHub
{
    private static partial class Log
    {
        // Decisions carry call ids and agent ids only (never caller numbers), so they are safe to log.
        [LoggerMessage(EventId = 7400, Level = LogLevel.Debug, Message = "Routing decision #{Sequence}: {Decision}")]
        public static partial void Decision(ILogger logger, long sequence, string decision);

        [LoggerMessage(EventId = 7402, Level = LogLevel.Warning, Message = "The routing engine did not complete its outputs after the stop signal; the output feed stopped without them")]
        public static partial void DrainTimedOut(ILogger logger);

        [LoggerMessage(EventId = 7403, Level = LogLevel.Error, Message = "A routing output consumer fell {Capacity} outputs behind and was resubscribed; outputs in between were not seen by it")]
        public static partial void SubscriberOverflowed(ILogger logger, int capacity);
    }
}
