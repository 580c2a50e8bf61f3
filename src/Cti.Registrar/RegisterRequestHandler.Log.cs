using System.Net;
using Cti.Sip.Auth;
using Microsoft.Extensions.Logging;

namespace Cti.Registrar;

internal sealed partial class RegisterRequestHandler
{
    private static partial class Log
    {
        // Never the username tried, the nonce or the response: only where it came from and why it failed.
        [LoggerMessage(EventId = 5210, Level = LogLevel.Warning, Message = "REGISTER authentication from {Address} failed: {Result}")]
        public static partial void AuthFailed(ILogger logger, IPAddress address, DigestVerificationResult result);

        [LoggerMessage(EventId = 5211, Level = LogLevel.Warning, Message = "Source address {Address} banned after repeated authentication failures")]
        public static partial void Banned(ILogger logger, IPAddress address);

        [LoggerMessage(EventId = 5212, Level = LogLevel.Warning, Message = "Extension {User} tried to register extension {Aor}")]
        public static partial void ForeignAor(ILogger logger, string user, string aor);
    }
}
