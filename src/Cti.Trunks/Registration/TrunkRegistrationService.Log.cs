namespace Cti.Trunks.Registration;

internal sealed partial class TrunkRegistrationService
{
    // Never log the password or the Authorization header: only the trunk, outcome, status code and peer.
    private static partial class Log
    {
        [LoggerMessage(EventId = 5830, Level = LogLevel.Information, Message = "Trunk {Trunk} registered with {Peer} for {Seconds} s")]
        public static partial void Registered(ILogger logger, string trunk, string? peer, long seconds);

        [LoggerMessage(EventId = 5831, Level = LogLevel.Debug, Message = "Trunk {Trunk} refreshed its registration with {Peer} for {Seconds} s")]
        public static partial void Refreshed(ILogger logger, string trunk, string? peer, long seconds);

        [LoggerMessage(EventId = 5832, Level = LogLevel.Warning, Message = "Trunk {Trunk} registration failed: {Outcome} (status {StatusCode}) from {Peer}")]
        public static partial void Failed(ILogger logger, string trunk, string outcome, int? statusCode, string? peer);

        [LoggerMessage(EventId = 5833, Level = LogLevel.Information, Message = "Trunk {Trunk} REGISTER {Outcome} (status {StatusCode}); retry {Attempt} in {DelayMs} ms")]
        public static partial void Retrying(ILogger logger, string trunk, string outcome, int? statusCode, int attempt, long delayMs);

        [LoggerMessage(EventId = 5834, Level = LogLevel.Warning, Message = "Trunk {Trunk} registration paused: circuit open after repeated failures; next try in {Seconds} s")]
        public static partial void CircuitOpen(ILogger logger, string trunk, long seconds);

        [LoggerMessage(EventId = 5835, Level = LogLevel.Information, Message = "Trunk {Trunk} unregistered from {Peer}")]
        public static partial void Unregistered(ILogger logger, string trunk, string? peer);

        [LoggerMessage(EventId = 5836, Level = LogLevel.Warning, Message = "Trunk {Trunk} unregistration failed: {Outcome} (status {StatusCode}) from {Peer}")]
        public static partial void UnregisterFailed(ILogger logger, string trunk, string outcome, int? statusCode, string? peer);

        [LoggerMessage(EventId = 5837, Level = LogLevel.Error, Message = "Trunk {Trunk} registration round failed unexpectedly")]
        public static partial void Unexpected(ILogger logger, string trunk, Exception exception);
    }
}
