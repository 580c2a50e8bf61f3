using System.Threading.Channels;
using Cti.Platform.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Cti.Platform.Streaming;

namespace Cti.Events;

/// <summary>
/// The single writer of the event log. Producers post requests; the loop drains whatever is queued (up to
/// <see cref="EventsOptions.MaxBatchSize"/>), assigns consecutive sequence numbers, commits the lot in one
/// transaction and only then hands the events to live subscribers (group commit). Each request sits in its own
/// savepoint, so one failing request (a CDR that violates a constraint) is rolled back alone and takes no number.
/// </summary>
internal sealed partial class EventWriter : BackgroundService, IEventPublisher
{
    private readonly Channel<EventWriteRequest> _queue = Channel.CreateUnbounded<EventWriteRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteDatabase _database;
    private readonly Fanout<EventRecord> _broadcaster;
    private readonly EventMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<EventWriter> _logger;
    private readonly int _maxBatch;
    private readonly string _source;
    private long _nextSeq;

    public EventWriter(
        SqliteDatabase database,
        Fanout<EventRecord> broadcaster,
        EventMetrics metrics,
        IOptions<EventsOptions> options,
        IOptions<Cti.Platform.Hosting.PlatformOptions> platform,
        TimeProvider timeProvider,
        ILogger<EventWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(platform);
        _source = CloudEventNames.Source(platform.Value.NodeId);
        _database = database;
        _broadcaster = broadcaster;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
        _maxBatch = options.Value.MaxBatchSize;
        _nextSeq = broadcaster.LastSequence + 1;
    }

    public void Publish(CtiEvent ctiEvent)
    {
        ArgumentNullException.ThrowIfNull(ctiEvent);
        if (!_queue.Writer.TryWrite(new EventWriteRequest([ctiEvent], null, null)))
        {
            Log.DroppedAfterStop(_logger, ctiEvent.Type);
        }
    }

    public async Task<EventRecord> PublishAsync(CtiEvent ctiEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ctiEvent);
        var records = await SubmitAsync([ctiEvent], null, cancellationToken);
        return records[0];
    }

    /// <summary>
    /// Appends <paramref name="events"/> and runs <paramref name="inTransaction"/> in the same transaction; completes
    /// after commit with the numbered events, or faults with whatever <paramref name="inTransaction"/> threw (nothing
    /// is then written). Cancelling stops the wait, not the write.
    /// </summary>
    public Task<IReadOnlyList<EventRecord>> SubmitAsync(
        IReadOnlyList<CtiEvent> events,
        Action<SqliteConnection, SqliteTransaction>? inTransaction,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var completion = new TaskCompletionSource<IReadOnlyList<EventRecord>>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new EventWriteRequest(events, inTransaction, completion)))
        {
            return Task.FromException<IReadOnlyList<EventRecord>>(new InvalidOperationException("The event writer has stopped."));
        }

        return completion.Task.WaitAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop taking work, then let the loop commit what is already queued.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        _broadcaster.Close();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var reader = _queue.Reader;
        var batch = new List<EventWriteRequest>(_maxBatch);

        // Not cancelled by stoppingToken: StopAsync completes the channel and the loop drains it before ending.
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < _maxBatch && reader.TryRead(out var request))
            {
                batch.Add(request);
            }

            WriteBatch(batch);
        }
    }

    /// <summary>Commits one batch; internal so tests can drive the writer without a host.</summary>
    internal void WriteBatch(IReadOnlyList<EventWriteRequest> batch)
    {
        var batchStart = _nextSeq;
        var done = new List<(EventWriteRequest Request, EventRecord[] Records)>(batch.Count);
        try
        {
            _database.Use(connection =>
            {
                using var transaction = connection.BeginTransaction();
                foreach (var request in batch)
                {
                    var mark = _nextSeq;
                    transaction.Save("request");
                    try
                    {
                        request.InTransaction?.Invoke(connection, transaction);
                        var records = new EventRecord[request.Events.Count];
                        for (var i = 0; i < records.Length; i++)
                        {
                            var ctiEvent = request.Events[i];
                            var at = ctiEvent.At ?? _timeProvider.GetUtcNow();
                            var seq = _nextSeq++;
                            records[i] = new EventRecord(seq, ctiEvent.Type, at, EventJson.Serialize(seq, at, ctiEvent, _source));
                            SqliteEventStore.Append(connection, transaction, records[i]);
                        }

                        transaction.Release("request");
                        done.Add((request, records));
                    }
                    catch (Exception ex)
                    {
                        transaction.Rollback("request");
                        transaction.Release("request");
                        _nextSeq = mark;
                        Fail(request, ex);
                    }
                }

                transaction.Commit();
                return 0;
            });
        }
        catch (SqliteException ex)
        {
            _nextSeq = batchStart;
            Log.BatchFailed(_logger, done.Sum(d => d.Records.Length), ex);
            foreach (var (request, _) in done)
            {
                Fail(request, ex);
            }

            return;
        }

        var all = done.SelectMany(d => d.Records).ToArray();
        _broadcaster.Publish(all);
        foreach (var record in all)
        {
            _metrics.Published(record.Type);
        }

        foreach (var (request, records) in done)
        {
            request.Completion?.TrySetResult(records);
        }
    }

    private void Fail(EventWriteRequest request, Exception exception)
    {
        if (request.Completion is { } completion)
        {
            completion.TrySetException(exception);
        }
        else
        {
            Log.PublishFailed(_logger, request.Events.Count > 0 ? request.Events[0].Type : "", exception);
        }
    }
}
