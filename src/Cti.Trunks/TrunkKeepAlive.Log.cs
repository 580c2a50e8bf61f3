using System.Net;

namespace Cti.Trunks;

internal sealed partial class TrunkKeepAlive
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 5811, Level = LogLevel.Warning, Message = "Trunk {Trunk} keepalive to {Peer} failed")]
        public static partial void KeepAliveFailed(ILogger logger, string trunk, IPEndPoint peer, Exception exception);

        [LoggerMessage(EventId = 5812, Level = LogLevel.Information, Message = "Trunk {Trunk} is {Status}")]
        public static partial void StatusChanged(ILogger logger, string trunk, string status);
    }
}
