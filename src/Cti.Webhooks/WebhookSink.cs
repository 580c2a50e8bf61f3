using Cti.Events;
using Cti.Events.Sinks;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Cti.Webhooks;

/// <summary>
/// One subscription as an event sink: sends the events its filter takes, signed, in order, and moves its stored
/// cursor after each request the receiver took. A request is retried with exponential back-off behind a circuit
/// breaker; when that gives up the batch goes back to the runner, which offers it again later. After failing for
/// <see cref="WebhooksOptions.DeadLetterAfter"/> without a success the subscription is dead-lettered and stops.
/// </summary>
internal sealed partial class WebhookSink : IEventSink
{
    private readonly WebhookSubscription _subscription;
    private readonly byte[] _key;
    private readonly Uri _url;
    private readonly WebhookTypeFilter _filter;
    private readonly WebhookSender _sender;
    private readonly SqliteWebhookStore _store;
    private readonly WebhooksOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;
    private DateTimeOffset? _failingSince;
    private bool _deadLettered;

    public WebhookSink(WebhookSubscription subscription, WebhookSender sender, SqliteWebhookStore store, WebhooksOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(options);
        _subscription = subscription;
        _key = WebhookSecret.Parse(subscription.Secret);
        _url = new Uri(subscription.Url, UriKind.Absolute);
        _filter = new WebhookTypeFilter(subscription.Types);
        _sender = sender;
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
        _failingSince = subscription.FailingSince;
        _deadLettered = subscription.State == WebhookState.DeadLetter;
        _pipeline = BuildPipeline(options, time);
    }

    public string Name => "webhook-" + _subscription.Id;

    public string Id => _subscription.Id;

    public ValueTask<long> GetCheckpointAsync(long logEnd, CancellationToken cancellationToken)
    {
        if (_subscription.Cursor is { } cursor)
        {
            return ValueTask.FromResult(cursor);
        }

        // A new subscription starts with what is published from now on; a replay reaches back.
        _store.Acknowledge(_subscription.Id, logEnd);
        return ValueTask.FromResult(logEnd);
    }

    public async ValueTask DeliverAsync(IReadOnlyList<EventRecord> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_deadLettered)
        {
            // Parked until a replay restarts the subscription (which cancels this runner).
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken);
        }

        var wanted = batch.Where(r => _filter.Matches(r.Type)).ToArray();
        var size = _subscription.BatchSize;
        for (var i = 0; i < wanted.Length; i += size)
        {
            var chunk = wanted.AsSpan(i, Math.Min(size, wanted.Length - i)).ToArray();
            await SendAsync(chunk, cancellationToken);
            _store.Acknowledge(_subscription.Id, chunk[^1].Seq);
        }

        if (batch.Count > 0 && (wanted.Length == 0 || wanted[^1].Seq != batch[^1].Seq))
        {
            _store.Acknowledge(_subscription.Id, batch[^1].Seq); // skipped types move the cursor too
        }

        _failingSince = null;
    }

    private async Task SendAsync(EventRecord[] chunk, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.ExecuteAsync(
                static async (state, token) => await state.Sink._sender.SendAsync(state.Sink._url, state.Sink._key, state.Chunk, state.Sink._subscription.BatchSize > 1, token),
                (Sink: this, Chunk: chunk),
                cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            _failingSince ??= now;
            _store.Failed(_subscription.Id, now, ex.Message);
            if (now - _failingSince >= _options.DeadLetterAfter)
            {
                _deadLettered = true;
                _store.DeadLetter(_subscription.Id, now);
                Log.DeadLettered(_logger, _subscription.Id, chunk[0].Seq, _failingSince.Value);
            }

            throw;
        }
    }

    private static ResiliencePipeline BuildPipeline(WebhooksOptions options, TimeProvider time)
    {
        var handled = new PredicateBuilder().Handle<HttpRequestException>().Handle<WebhookDeliveryException>();
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                ShouldHandle = handled,
            });
        }

        // Inside the retries, so an open circuit ends the attempt at once and the runner backs off instead.
        return builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = 1.0,
            MinimumThroughput = 3,
            SamplingDuration = TimeSpan.FromSeconds(30),
            BreakDuration = options.BreakDuration,
            ShouldHandle = handled,
        }).Build();
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7700, Level = LogLevel.Error, Message = "Webhook {Subscription} dead-lettered at #{Seq}: failing since {Since}; replay it to resume")]
        public static partial void DeadLettered(ILogger logger, string subscription, long seq, DateTimeOffset since);
    }
}
