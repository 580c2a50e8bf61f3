using System.Runtime.CompilerServices;
using Cti.Platform.Streaming;
using Cti.Routing.Engine;

namespace Cti.Acd;

/// <summary>
/// The one reader of <see cref="AcdEngine.Outputs"/>: logs decisions, keeps the last events for the API and fans
/// every output out to the subscribers through the service's one <see cref="Fanout{T}"/>. The engine requires its
/// output channel to be drained, so this runs for the whole life of the engine.
/// </summary>
internal sealed partial class AcdOutputHub(AcdEngine engine, int recentCapacity, TimeProvider timeProvider, ILogger<AcdOutputHub> logger) : BackgroundService, IAcdOutputFeed
{
    /// <summary>After the stop signal, how long the hub waits for the engine to complete its outputs.</summary>
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Outputs a subscriber may fall behind before its subscription overflows: far beyond any burst (a call makes a
    /// handful), so only a consumer that stopped reading reaches it.
    /// </summary>
    public const int SubscriberCapacity = 1_000_000;

    private readonly Lock _lock = new();
    private readonly Queue<AcdEvent> _recent = new();
    private readonly Fanout<AcdOutput> _fanout = new(o => o.Sequence);

    public long LastSequence => _fanout.LastSequence;

    public IReadOnlyList<AcdEvent> RecentEvents()
    {
        lock (_lock)
        {
            return [.. _recent];
        }
    }

    public FanoutSubscription<AcdOutput> Subscribe() => _fanout.Subscribe(SubscriberCapacity);

    public async IAsyncEnumerable<AcdOutput> FollowAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            using var subscription = Subscribe();
            await foreach (var output in subscription.Reader.ReadAllAsync(cancellationToken))
            {
                yield return output;
            }

            if (!subscription.Overflowed)
            {
                yield break;
            }

            Log.SubscriberOverflowed(logger, SubscriberCapacity);
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

        _fanout.Close();
    }

    internal void Dispatch(AcdOutput output)
    {
        if (output is AcdEvent e)
        {
            lock (_lock)
            {
                _recent.Enqueue(e);
                while (_recent.Count > recentCapacity)
                {
                    _recent.Dequeue();
                }
            }
        }

        if (output is AcdDecision)
        {
            Log.Decision(logger, output.Sequence, output.GetType().Name);
        }

        _fanout.Publish(output);
    }
}
