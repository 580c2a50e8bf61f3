using Cti.Routing.Engine;

namespace Cti.Host.Routing;

/// <summary>
/// Where call control, the event stream and the API listen to the engine. Every subscriber receives every
/// output (decisions and events) emitted after it subscribed, in sequence order.
/// </summary>
internal interface IAcdOutputFeed
{
    /// <summary>Sequence of the last output handed to subscribers (0 before the first).</summary>
    long LastSequence { get; }

    /// <summary>The most recent events (not decisions), oldest first.</summary>
    IReadOnlyList<AcdEvent> RecentEvents();

    /// <summary>Starts receiving outputs; dispose the subscription to stop. Its reader is unbounded, so keep reading.</summary>
    AcdOutputSubscription Subscribe();
}
