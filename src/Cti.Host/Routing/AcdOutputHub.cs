using Cti.Routing.Engine;

namespace Cti.Host.Routing;

/// <summary>
/// The one reader of <see cref="AcdEngine.Outputs"/>: logs decisions, keeps the last events for the API and fans
/// every output out to the subscribers. The engine requires its output channel to be drained, so this runs for
/// the whole life of the engine.
/// </summary>
internal sealed partial class AcdOutputHub(AcdEngine engine, int recentCapacity, TimeProvider timeProvider, ILogger<AcdOutputHub> logger) : BackgroundService, IAcdOutputFeed
{
    /// <summary>After the stop signal, how long the hub waits for the engine to complete its outputs.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private readonly Queue<AcdEvent> _recent = new();
    private AcdOutputSubscription[] _subscribers = [];
    private long _lastSequence;

    public long LastSequence
    {
        get
        {
            lock (_lock)
            {
                return _lastSequence;
            }
        }
    }

    public IReadOnlyList<AcdEvent> RecentEvents()
    {
        lock (_lock)
        {
            return [.. _recent];
        }
    }

    public AcdOutputSubscription Subscribe()
    {
        lock (_lock)
        {
            var subscription = new AcdOutputSubscription(_lastSequence, Unsubscribe);
            _subscribers = [.. _subscribers, subscription];
            return subscription;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The engine completes the channel when it stops (it stops before the hub); reading to the end lets
        // subscribers see the last outputs. The deadline only guards against an engine that never ran.
        using var drain = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
        using var registration = stoppingToken.Register(() => drain.CancelAfter(DrainTimeout));
        try
        {
            await foreach (var output in engine.Outputs.ReadAllAsync(drain.Token))
            {
                Dispatch(output);
            }
        }
        catch (OperationCanceledException) when (drain.IsCancellationRequested)
        {
            Log.DrainTimedOut(logger);
        }

        AcdOutputSubscription[] subscribers;
        lock (_lock)
        {
            subscribers = _subscribers;
        }

        foreach (var subscriber in subscribers)
        {
            subscriber.Complete();
        }
    }

    internal void Dispatch(AcdOutput output)
    {
        AcdOutputSubscription[] subscribers;
        lock (_lock)
        {
            _lastSequence = output.Sequence;
            if (output is AcdEvent e)
            {
                _recent.Enqueue(e);
                while (_recent.Count > recentCapacity)
                {
                    _recent.Dequeue();
                }
            }

            subscribers = _subscribers;
        }

        if (output is AcdDecision)
        {
            Log.Decision(logger, output.Sequence, output.GetType().Name);
        }

        foreach (var subscriber in subscribers)
        {
            subscriber.Deliver(output);
        }
    }

    private void Unsubscribe(AcdOutputSubscription subscription)
    {
        lock (_lock)
        {
            _subscribers = [.. _subscribers.Where(s => !ReferenceEquals(s, subscription))];
        }
    }
}
