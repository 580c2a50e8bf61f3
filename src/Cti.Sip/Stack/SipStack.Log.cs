using Cti.Sip.Parsing;
using Cti.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Cti.Sip.Stack;

public sealed partial class SipStack
{
    // Event ids 2360-2379. Header values (Authorization in particular) are never logged.
    private static partial class Log
    {
        [LoggerMessage(EventId = 2360, Level = LogLevel.Debug, Message = "Dropped a {Status} response from {Source} matching no transaction")]
        public static partial void StrayResponse(ILogger logger, int status, SipEndPoint source);

        [LoggerMessage(EventId = 2361, Level = LogLevel.Debug, Message = "Dropped an ACK from {Source} matching no transaction")]
        public static partial void StrayAck(ILogger logger, SipEndPoint source);

        [LoggerMessage(EventId = 2362, Level = LogLevel.Information, Message = "Unparsable message from {Source}: {Reason}")]
        public static partial void ParseError(ILogger logger, SipParseErrorReason reason, SipEndPoint source);

        [LoggerMessage(EventId = 2363, Level = LogLevel.Information, Message = "{Method} from {Source} rejected with {Status}")]
        public static partial void RequestRejected(ILogger logger, string method, int status, SipEndPoint source);

        [LoggerMessage(EventId = 2364, Level = LogLevel.Error, Message = "The request handler failed on {Method}")]
        public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

        [LoggerMessage(EventId = 2365, Level = LogLevel.Warning, Message = "The request handler left a {Method} without a final response; answered 500")]
        public static partial void HandlerLeftUnanswered(ILogger logger, string method);

        [LoggerMessage(EventId = 2366, Level = LogLevel.Debug, Message = "Could not send a stateless error response to {Source}")]
        public static partial void StatelessSendFailed(ILogger logger, SipEndPoint source, Exception exception);
    }
}
