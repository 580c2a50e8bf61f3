namespace Cti.Calls;

internal sealed partial class CallSession
{
    // Caller numbers never appear here: calls are identified by their correlation id.
    private static partial class Log
    {
        [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Call {CallId}: the caller left before an answer")]
        public static partial void CallerLeft(ILogger logger, string callId);

        [LoggerMessage(EventId = 5004, Level = LogLevel.Debug, Message = "Call {CallId}: ringing {Kind} {Target}")]
        public static partial void Ringing(ILogger logger, string callId, Cti.Calls.Legs.CalleeKind kind, string target);

        [LoggerMessage(EventId = 5007, Level = LogLevel.Information, Message = "Call {CallId}: connected to {Target}")]
        public static partial void Connected(ILogger logger, string callId, string target);

        [LoggerMessage(EventId = 5016, Level = LogLevel.Warning, Message = "Call {CallId} reached the maximum call duration")]
        public static partial void MaxDuration(ILogger logger, string callId);

        [LoggerMessage(EventId = 5018, Level = LogLevel.Error, Message = "Call {CallId}: handling {Signal} failed")]
        public static partial void SignalFailed(ILogger logger, string callId, string signal, Exception exception);

    }
}
