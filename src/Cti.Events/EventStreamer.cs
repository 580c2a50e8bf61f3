using Cti.Platform.Security;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Cti.Platform.Streaming;

namespace Cti.Events;

/// <summary>
/// Serves GET /api/v1/events as server-sent events. To resume without a gap or a duplicate it subscribes to live
/// events first (learning the last committed sequence number S), replays the store from the client's position up
/// to S, then drains the live buffer, skipping anything at or below what it already sent.
/// </summary>
internal sealed partial class EventStreamer
{
    private const int ReplayPageSize = 500;

    private readonly Fanout<EventRecord> _broadcaster;
    private readonly SqliteEventStore _store;
    private readonly EventMetrics _metrics;
    private readonly EventsOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<EventStreamer> _logger;
    private readonly CancellationToken _serviceStopping;

    public EventStreamer(
        Fanout<EventRecord> broadcaster,
        SqliteEventStore store,
        EventMetrics metrics,
        IOptions<EventsOptions> options,
        TimeProvider timeProvider,
        ILogger<EventStreamer> logger,
        IHostApplicationLifetime? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _broadcaster = broadcaster;
        _store = store;
        _metrics = metrics;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;

        // Streams never finish on their own; without this the server would wait its whole shutdown timeout for them.
        _serviceStopping = lifetime?.ApplicationStopping ?? CancellationToken.None;
    }

    public async Task<IResult> StreamAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (request, errors) = EventStreamRequest.Parse(context.Request);
        if (request is null)
        {
            return Results.ValidationProblem(errors, title: "Invalid event stream request");
        }

        var caller = context.GetCaller();
        var masked = !caller.SeesFullNumbers;
        // A client that stops reading leaves a write pending forever (TCP back-pressure): each write and flush must
        // finish within StreamWriteTimeout, or the connection is dropped and the client resumes with Last-Event-ID.
        using var stall = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _serviceStopping, stall.Token);
        var aborted = linked.Token;
        var writes = new WriteGuard(stall, _options.StreamWriteTimeout);

        using var subscription = _broadcaster.Subscribe(_options.SubscriberBufferSize);
        _metrics.SseClients.Inc();
        try
        {
            var response = context.Response;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await response.Body.FlushAsync(aborted);

            // Position = highest sequence number this client has been given or deliberately skipped.
            var position = request.Since ?? subscription.StartSequence;
            while (position < subscription.StartSequence)
            {
                var page = _store.ReadAfter(position, ReplayPageSize, subscription.StartSequence);
                if (page.Count == 0)
                {
                    break;
                }

                writes.Arm();
                foreach (var record in page)
                {
                    await WriteEventAsync(response, record, request, masked, aborted);
                    position = record.Seq;
                }

                await response.Body.FlushAsync(aborted);
                writes.Disarm();
            }

            position = Math.Max(position, subscription.StartSequence);
            await PumpLiveAsync(response, subscription, request, masked, position, writes, aborted);
            if (subscription.Overflowed)
            {
                Log.SlowClientDisconnected(_logger, caller.Name, _options.SubscriberBufferSize);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away, stopped reading or the service is stopping; the client resumes with Last-Event-ID.
            DropIfStalled(context, stall, caller.Name);
        }
        catch (IOException) when (aborted.IsCancellationRequested)
        {
            DropIfStalled(context, stall, caller.Name);
        }
        finally
        {
            _metrics.SseClients.Dec();
        }

        return Results.Empty;
    }

    private void DropIfStalled(HttpContext context, CancellationTokenSource stall, string key)
    {
        if (stall.IsCancellationRequested)
        {
            _metrics.SseStalledDisconnects.Inc();
            Log.StalledClientDisconnected(_logger, key, _options.StreamWriteTimeout);
            context.Abort();
        }
    }

    private async Task PumpLiveAsync(HttpResponse response, FanoutSubscription<EventRecord> subscription, EventStreamRequest request, bool masked, long position, WriteGuard writes, CancellationToken aborted)
    {
        var reader = subscription.Reader;
        var heartbeat = Task.Delay(_options.HeartbeatInterval, _timeProvider, aborted);
        var ready = reader.WaitToReadAsync(aborted).AsTask();
        while (true)
        {
            var first = await Task.WhenAny(ready, heartbeat);
            if (first == heartbeat)
            {
                await heartbeat; // observes cancellation
                writes.Arm();
                await response.WriteAsync(": heartbeat\n\n", aborted);
                await response.Body.FlushAsync(aborted);
                writes.Disarm();
                heartbeat = Task.Delay(_options.HeartbeatInterval, _timeProvider, aborted);
                continue;
            }

            if (!await ready)
            {
                return; // overflowed or the service is stopping
            }

            writes.Arm();
            while (reader.TryRead(out var record))
            {
                if (record.Seq <= position)
                {
                    continue;
                }

                position = record.Seq;
                await WriteEventAsync(response, record, request, masked, aborted);
            }

            await response.Body.FlushAsync(aborted);
            writes.Disarm();
            ready = reader.WaitToReadAsync(aborted).AsTask();
        }
    }

    private static Task WriteEventAsync(HttpResponse response, EventRecord record, EventStreamRequest request, bool masked, CancellationToken aborted)
    {
        if (!request.Matches(record.Type))
        {
            return Task.CompletedTask;
        }

        var json = masked ? Masking.MaskEventJson(record.Json) : record.Json;
        var text = new StringBuilder(json.Length + 48)
            .Append("id: ").Append(record.Seq).Append('\n')
            .Append("event: ").Append(record.Type).Append('\n')
            .Append("data: ").Append(json).Append("\n\n")
            .ToString();
        return response.WriteAsync(text, aborted);
    }

    /// <summary>Bounds one write-and-flush of a stream: armed before it, disarmed once it completed.</summary>
    private readonly struct WriteGuard(CancellationTokenSource stall, TimeSpan timeout)
    {
        public void Arm() => stall.CancelAfter(timeout);

        public void Disarm() => stall.CancelAfter(Timeout.InfiniteTimeSpan);
    }
}
