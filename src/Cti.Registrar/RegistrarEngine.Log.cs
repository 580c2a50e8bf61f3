using Microsoft.Extensions.Logging;

namespace Cti.Registrar;

internal sealed partial class RegistrarEngine
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 5200, Level = LogLevel.Information, Message = "Restored {Bindings} registrar bindings for {Aors} extensions")]
        public static partial void Restored(ILogger logger, int bindings, int aors);

        [LoggerMessage(EventId = 5201, Level = LogLevel.Error, Message = "Could not restore registrar bindings; starting empty")]
        public static partial void RestoreFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 5202, Level = LogLevel.Information, Message = "Extension {Aor} now has {Count} bindings (last change from {Transport} {Address})")]
        public static partial void BindingsChanged(ILogger logger, string aor, int count, string transport, string address);

        [LoggerMessage(EventId = 5203, Level = LogLevel.Information, Message = "Bindings of extension {Aor} expired")]
        public static partial void BindingsExpired(ILogger logger, string aor);

        [LoggerMessage(EventId = 5204, Level = LogLevel.Error, Message = "Could not persist bindings of extension {Aor}")]
        public static partial void PersistFailed(ILogger logger, string aor, Exception exception);

        [LoggerMessage(EventId = 5205, Level = LogLevel.Information, Message = "A contact of extension {Aor} is now reachable={Reachable}")]
        public static partial void ReachabilityChanged(ILogger logger, string aor, bool reachable);
    }
}
