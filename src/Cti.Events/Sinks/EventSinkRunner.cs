using Cti.Platform.Streaming;

namespace Cti.Events.Sinks;

/// <summary>
/// Feeds one <see cref="IEventSink"/>: catch-up pages from the event store up to the point where its live
/// subscription begins, then live batches from the fan-out. A subscription that overflows (the sink is slower than
/// the log) falls back to catch-up from the store; a failed delivery is retried with exponential back-off, so no
/// event is skipped and order is kept.
/// </summary>
internal sealed partial class EventSinkRunner(
    IEventSink sink,
    SqliteEventStore store,
    Fanout<EventRecord> fanout,
    EventSinkMetrics metrics,
    TimeProvider time,
    ILogger<EventSinkRunner> logger) : BackgroundService
{
    /// <summary>Events per delivered batch, from the store and live alike.</summary>
    public const int BatchSize = 256;

    /// <summary>Live events a sink may fall behind before it is moved back to reading the store.</summary>
    public const int LiveBufferSize = 4096;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.Started(sink.Name);
        var position = await sink.GetCheckpointAsync(fanout.LastSequence, stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                using var subscription = fanout.Subscribe(LiveBufferSize);
                position = await CatchUpAsync(position, subscription.StartSequence, stoppingToken);
                position = await FollowAsync(subscription, position, stoppingToken);
                if (!subscription.Overflowed)
                {
                    return; // the log closed: the service is stopping
                }

                Log.FellBehind(logger, sink.Name, position);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<long> CatchUpAsync(long position, long upTo, CancellationToken cancellationToken)
    {
        while (position < upTo)
        {
            var page = store.ReadAfter(position, BatchSize, upTo);
            if (page.Count == 0)
            {
                return upTo; // the gap was retention-swept or never written
            }

            await DeliverAsync(page, cancellationToken);
            position = page[^1].Seq;
        }

        return position;
    }

    private async Task<long> FollowAsync(FanoutSubscription<EventRecord> subscription, long position, CancellationToken cancellationToken)
    {
        var batch = new List<EventRecord>(BatchSize);
        while (await subscription.Reader.WaitToReadAsync(cancellationToken))
        {
            while (batch.Count < BatchSize && subscription.Reader.TryRead(out var record))
            {
                if (record.Seq > position)
                {
                    batch.Add(record);
                }
            }

            if (batch.Count > 0)
            {
                await DeliverAsync(batch, cancellationToken);
                position = batch[^1].Seq;
                batch = new List<EventRecord>(BatchSize);
            }
        }

        return position;
    }

    private async Task DeliverAsync(IReadOnlyList<EventRecord> batch, CancellationToken cancellationToken)
    {
        var wait = FirstRetry;
        while (true)
        {
            try
            {
                await sink.DeliverAsync(batch, cancellationToken);
                metrics.Delivered(sink.Name, batch.Count, fanout.LastSequence - batch[^1].Seq);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                metrics.Failed(sink.Name, fanout.LastSequence - batch[0].Seq + 1);
                Log.DeliveryFailed(logger, sink.Name, batch[0].Seq, wait, ex);
                await Task.Delay(wait, time, cancellationToken);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LastRetry.Ticks));
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7630, Level = LogLevel.Warning, Message = "Event sink {Sink} fell behind the live stream after #{Position}; reading from the store")]
        public static partial void FellBehind(ILogger logger, string sink, long position);

        [LoggerMessage(EventId = 7631, Level = LogLevel.Warning, Message = "Event sink {Sink} failed to take the batch from #{FirstSeq}; retrying in {Wait}")]
        public static partial void DeliveryFailed(ILogger logger, string sink, long firstSeq, TimeSpan wait, Exception exception);
    }
}
