using Microsoft.Extensions.Logging;

namespace Cti.Media.Mixing;

public sealed partial class RtpMixingBridge
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 2640, Level = LogLevel.Warning, Message = "Bridge {BridgeId}: port {Port} could not be bound")]
        public static partial void BindFailed(ILogger logger, Exception exception, string bridgeId, int port);

        [LoggerMessage(EventId = 2641, Level = LogLevel.Warning, Message = "Bridge {BridgeId}: receive loop of {Participant} failed")]
        public static partial void ReceiveFailed(ILogger logger, Exception exception, string bridgeId, string participant);

        [LoggerMessage(EventId = 2642, Level = LogLevel.Warning, Message = "Bridge {BridgeId}: a DTMF handler threw")]
        public static partial void DtmfHandlerFailed(ILogger logger, Exception exception, string bridgeId);

        [LoggerMessage(EventId = 2643, Level = LogLevel.Error, Message = "Bridge {BridgeId}: a mixing tick failed")]
        public static partial void TickFailed(ILogger logger, Exception exception, string bridgeId);

        [LoggerMessage(EventId = 2644, Level = LogLevel.Debug, Message = "Bridge {BridgeId}: {Participant} joined on slot {Slot}")]
        public static partial void Joined(ILogger logger, string bridgeId, string participant, int slot);

        [LoggerMessage(EventId = 2645, Level = LogLevel.Debug, Message = "Bridge {BridgeId}: {Participant} left slot {Slot}")]
        public static partial void Left(ILogger logger, string bridgeId, string participant, int slot);
    }
}
