namespace Cti.Calls.Legs;

internal sealed partial class GatewayCallerLeg
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 5402, Level = LogLevel.Information, Message = "Call {CallId}: gateway line {Line} dial ended: {Outcome}")]
        public static partial void GatewayDialed(ILogger logger, string callId, string line, string outcome);

        [LoggerMessage(EventId = 5404, Level = LogLevel.Error, Message = "Call {CallId}: the audio endpoint of gateway line {Line} is not a sip: URI with an IP address")]
        public static partial void GatewayBadAudioEndpoint(ILogger logger, string callId, string line);

        [LoggerMessage(EventId = 5405, Level = LogLevel.Warning, Message = "Call {CallId}: the audio endpoint of gateway line {Line} answered {Status}")]
        public static partial void GatewayAudioFailed(ILogger logger, string callId, string line, int status);

        [LoggerMessage(EventId = 5406, Level = LogLevel.Information, Message = "Call {CallId}: gateway line {Line} bridged to the agent")]
        public static partial void GatewayBridged(ILogger logger, string callId, string line);

        [LoggerMessage(EventId = 5407, Level = LogLevel.Warning, Message = "Call {CallId}: answering gateway line {Line} failed: {Error}")]
        public static partial void GatewayAnswerFailed(ILogger logger, string callId, string line, string error);

        [LoggerMessage(EventId = 5408, Level = LogLevel.Information, Message = "Call {CallId}: the call on gateway line {Line} ended ({Outcome})")]
        public static partial void GatewayLineEnded(ILogger logger, string callId, string line, Cti.Gateways.Lines.GatewayCallEndReason outcome);
    }
}
