using System.Net;
using Microsoft.Extensions.Logging;

namespace Cti.Media.Relay;

public sealed partial class RtpRelaySession
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 2600, Level = LogLevel.Debug, Message = "Relay for call {CallId} bound leg A {LegA} and leg B {LegB}")]
        public static partial void Created(ILogger logger, string callId, IPEndPoint legA, IPEndPoint legB);

        [LoggerMessage(EventId = 2601, Level = LogLevel.Debug, Message = "Relay for call {CallId} leg {Leg} {Kind} latched to {Source}")]
        public static partial void Latched(ILogger logger, string callId, RtpRelayLegId leg, string kind, IPEndPoint? source);

        [LoggerMessage(EventId = 2602, Level = LogLevel.Warning, Message = "Relay for call {CallId}: receive loop of leg {Leg} failed")]
        public static partial void ReceiveFailed(ILogger logger, Exception exception, string callId, RtpRelayLegId leg);

        [LoggerMessage(EventId = 2603, Level = LogLevel.Warning, Message = "Relay for call {CallId}: a DTMF handler threw")]
        public static partial void DtmfHandlerFailed(ILogger logger, Exception exception, string callId);

        [LoggerMessage(EventId = 2604, Level = LogLevel.Error, Message = "Relay for call {CallId}: recording failed and was stopped")]
        public static partial void RecordingFailed(ILogger logger, Exception exception, string callId);

        [LoggerMessage(EventId = 2605, Level = LogLevel.Warning, Message = "Relay for call {CallId}: port {Port} could not be bound")]
        public static partial void BindFailed(ILogger logger, Exception exception, string callId, int port);

        [LoggerMessage(EventId = 2606, Level = LogLevel.Warning, Message = "Relay for call {CallId}: playback toward leg {Leg} failed")]
        public static partial void PlaybackFailed(ILogger logger, Exception exception, string callId, RtpRelayLegId leg);
    }
}
