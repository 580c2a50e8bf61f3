using Cti.Platform.Streaming;
using Cti.Routing.Engine;

namespace Cti.Acd;

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

    /// <summary>
    /// Starts receiving outputs; dispose the subscription to stop. The buffer is large
    /// (<see cref="AcdOutputHub.SubscriberCapacity"/>) but bounded: keep reading.
    /// </summary>
    FanoutSubscription<AcdOutput> Subscribe();

    /// <summary>
    /// Every output from now until cancellation, for consumers that run for the life of the service: a
    /// subscription that overflowed (a stalled consumer) is logged and replaced by a new one.
    /// </summary>
    IAsyncEnumerable<AcdOutput> FollowAsync(CancellationToken cancellationToken);
}
