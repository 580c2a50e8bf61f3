using System.Net;

namespace Cti.Trunks;

internal sealed partial class TrunkRequestHandler
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 5801, Level = LogLevel.Warning, Message = "SIP request from {Source} on trunk profile {Profile} rejected: not in any trunk's AllowFrom")]
        public static partial void SourceRejected(ILogger logger, IPAddress source, string profile);

        [LoggerMessage(EventId = 5802, Level = LogLevel.Information, Message = "Inbound INVITE on trunk {Trunk} for unknown DID {Did}")]
        public static partial void UnknownDid(ILogger logger, string trunk, string did);

        [LoggerMessage(EventId = 5803, Level = LogLevel.Information, Message = "Inbound call on trunk {Trunk}: DID {Did} for queue {Queue} from {Caller}")]
        public static partial void InboundCall(ILogger logger, string trunk, string did, string queue, string caller);
    }
}
