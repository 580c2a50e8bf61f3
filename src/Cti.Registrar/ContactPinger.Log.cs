namespace Cti.Registrar;

internal sealed partial class ContactPinger
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 5220, Level = LogLevel.Debug, Message = "OPTIONS ping to a contact of extension {Aor} could not be sent")]
        public static partial void PingFailed(ILogger logger, string aor, Exception exception);
    }
}
