using System.Text.Json.Nodes;
using Cti.Events;
using Cti.Events.Sinks;
using Cti.Platform.Storage;
using Cti.Platform.Streaming;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cti.Webhooks.Tests.TestKit;

/// <summary>Webhook delivery without a host: a real SQLite file holding the event log and the subscriptions.</summary>
internal sealed class DeliveryRig : IAsyncDisposable
{
    public DeliveryRig(WebhooksOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        Database = new SqliteDatabase(Directory.CreateTempSubdirectory("cti-webhooks-").FullName, NullLogger<SqliteDatabase>.Instance);
        Events = new SqliteEventStore(Database);
        Fanout = new Fanout<EventRecord>(r => r.Seq, 0);
        Store = new SqliteWebhookStore(Database);
        Metrics = new EventSinkMetrics(Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry()));
        Sender = new WebhookSender(Microsoft.Extensions.Options.Options.Create(options), time);
        Dispatcher = new WebhookDispatcher(Store, Events, Fanout, Metrics, Sender, Microsoft.Extensions.Options.Options.Create(options), time, NullLoggerFactory.Instance);
    }

    public WebhooksOptions Options { get; }

    public TimeProvider Time { get; }

    public SqliteDatabase Database { get; }

    public SqliteEventStore Events { get; }

    public Fanout<EventRecord> Fanout { get; }

    public SqliteWebhookStore Store { get; }

    public EventSinkMetrics Metrics { get; }

    public WebhookSender Sender { get; }

    public WebhookDispatcher Dispatcher { get; }

    public static WebhookSubscription Subscription(string id, Uri url, string secret, int batchSize = 1, params string[] types) =>
        new(id, WebhookOrigin.Api, url.ToString(), secret, types, batchSize, null, WebhookState.Active, null, null, null, DateTimeOffset.UnixEpoch);

    /// <summary>Commits <paramref name="count"/> events to the log and the live fan-out, as the event writer does.</summary>
    public IReadOnlyList<EventRecord> Publish(int count, string type = CtiEventTypes.AgentState)
    {
        var first = Fanout.LastSequence + 1;
        var records = Enumerable.Range(0, count)
            .Select(i => first + i)
            .Select(seq => new EventRecord(seq, type, Time.GetUtcNow(), EventJson.Serialize(seq, Time.GetUtcNow(), new CtiEvent(type, new JsonObject { ["n"] = seq }) { AgentId = "1001" }, "/cti/test")))
            .ToArray();
        Database.Use(connection =>
        {
            using var transaction = connection.BeginTransaction();
            foreach (var record in records)
            {
                SqliteEventStore.Append(connection, transaction, record);
            }

            transaction.Commit();
            return 0;
        });
        Fanout.Publish(records);
        return records;
    }

    public WebhookSink Sink(WebhookSubscription subscription) =>
        new(Store.Get(subscription.Id) ?? subscription, Sender, Store, Options, Time, NullLogger.Instance);

    public async ValueTask DisposeAsync()
    {
        await Dispatcher.StopAsync(CancellationToken.None);
        Dispatcher.Dispose();
        Sender.Dispose();
        Fanout.Close();
        Database.Dispose();
    }
}
