using Cti.Events;
using Cti.Events.Sinks;
using Cti.Platform.Streaming;
using Microsoft.Extensions.Options;

namespace Cti.Webhooks;

/// <summary>
/// Runs one <see cref="EventSinkRunner"/> per subscription, each on its own task, so a slow or dead receiver holds
/// back nothing but its own cursor. Loads configuration subscriptions into the store on start; the API adds,
/// removes and rewinds subscriptions through here, which restarts the affected runner.
/// </summary>
internal sealed partial class WebhookDispatcher(
    SqliteWebhookStore store,
    SqliteEventStore events,
    Fanout<EventRecord> fanout,
    EventSinkMetrics metrics,
    WebhookSender sender,
    IOptions<WebhooksOptions> options,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedService, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, EventSinkRunner> _running = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggers.CreateLogger<WebhookDispatcher>();

    /// <summary>The last committed sequence, for the lag the API shows.</summary>
    public long LogEnd => fanout.LastSequence;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.Subscriptions;
        foreach (var (id, subscription) in configured)
        {
            store.Save(
                new WebhookSubscription(id, WebhookOrigin.Configuration, subscription.Url, subscription.Secret, [.. subscription.Types], subscription.BatchSize ?? options.Value.BatchSize, null, WebhookState.Active, null, null, null, time.GetUtcNow()),
                onlyNew: false);
        }

        store.DeleteConfiguredExcept(configured.Keys);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var subscription in store.List())
            {
                await StartRunnerAsync(subscription);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await Task.WhenAll(_running.Keys.ToArray().Select(id => StopRunnerAsync(id, cancellationToken)));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Adds and starts a subscription; false when the id is taken.</summary>
    public async Task<bool> CreateAsync(WebhookSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!store.Save(subscription, onlyNew: true))
            {
                return false;
            }

            await StartRunnerAsync(store.Get(subscription.Id)!);
            Log.Created(_logger, subscription.Id, subscription.Origin);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await StopRunnerAsync(id, cancellationToken);
            var deleted = store.Delete(id);
            if (deleted)
            {
                Log.Deleted(_logger, id);
            }

            return deleted;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Delivers again from <paramref name="fromSequence"/> (inclusive); also revives a dead-lettered subscription.</summary>
    public async Task<WebhookSubscription?> ReplayAsync(string id, long fromSequence, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (store.Get(id) is null)
            {
                return null;
            }

            await StopRunnerAsync(id, cancellationToken);
            store.Rewind(id, Math.Max(0, fromSequence - 1));
            var subscription = store.Get(id)!;
            await StartRunnerAsync(subscription);
            Log.Replayed(_logger, id, fromSequence);
            return subscription;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        foreach (var runner in _running.Values)
        {
            runner.Dispose();
        }

        _gate.Dispose();
    }

    private async Task StartRunnerAsync(WebhookSubscription subscription)
    {
        var sink = new WebhookSink(subscription, sender, store, options.Value, time, loggers.CreateLogger<WebhookSink>());
        var runner = new EventSinkRunner(sink, events, fanout, metrics, time, loggers.CreateLogger<EventSinkRunner>());
        _running[subscription.Id] = runner;
        await runner.StartAsync(CancellationToken.None);
    }

    private async Task StopRunnerAsync(string id, CancellationToken cancellationToken)
    {
        if (_running.Remove(id, out var runner))
        {
            await runner.StopAsync(cancellationToken);
            runner.Dispose();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7710, Level = LogLevel.Information, Message = "Webhook {Subscription} added ({Origin})")]
        public static partial void Created(ILogger logger, string subscription, string origin);

        [LoggerMessage(EventId = 7711, Level = LogLevel.Information, Message = "Webhook {Subscription} removed")]
        public static partial void Deleted(ILogger logger, string subscription);

        [LoggerMessage(EventId = 7712, Level = LogLevel.Information, Message = "Webhook {Subscription} replays from #{Seq}")]
        public static partial void Replayed(ILogger logger, string subscription, long seq);
    }
}
