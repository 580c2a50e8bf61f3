using Microsoft.Extensions.Logging;

namespace Cti.Routing.Engine.Topology;

internal sealed partial class TopologyApplier
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Routing configuration rejected with {Count} errors: {Errors}")]
        public static partial void ConfigRejected(ILogger logger, int count, string errors);

        [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Routing configuration version {Version} applied: {Queues} queues, {Agents} agents")]
        public static partial void ConfigApplied(ILogger logger, long version, int queues, int agents);
    }
}
