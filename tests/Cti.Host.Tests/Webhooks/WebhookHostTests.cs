using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cti.Events;
using Cti.Events.Sinks;
using Cti.Host.Tests.Api;
using Cti.Webhooks.Tests.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace Cti.Host.Tests.Webhooks;

/// <summary>Webhooks through the running host, to a real receiver on loopback that checks every signature.</summary>
public sealed class WebhookHostTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static string[] Configured(WebhookReceiver receiver, int batchSize = 1) =>
    [
        $"--Cti:Webhooks:Subscriptions:crm:Url={receiver.Url}",
        $"--Cti:Webhooks:Subscriptions:crm:Secret={Secret}",
        "--Cti:Webhooks:Subscriptions:crm:Types:0=agent.*",
        $"--Cti:Webhooks:BatchSize={batchSize}",
        "--Cti:Webhooks:MaxRetries=1",
        "--Cti:Webhooks:RetryDelay=00:00:00.050",
        "--Cti:Webhooks:BreakDuration=00:00:01",
        "--Cti:Webhooks:RequestTimeout=00:00:05",
    ];

    private static async Task<long[]> PublishAsync(TestHost host, int count)
    {
        var publisher = host.App.Services.GetRequiredService<IEventPublisher>();
        var seqs = new long[count];
        for (var i = 0; i < count; i++)
        {
            seqs[i] = (await publisher.PublishAsync(new CtiEvent(CtiEventTypes.AgentState, new JsonObject { ["n"] = i }) { AgentId = "9001" })).Seq;
        }

        return seqs;
    }

    /// <summary>In order, nothing missing, every copy of an event under the same webhook-id, every signature good.</summary>
    private static void AssertDeliveredOnceInOrder(WebhookReceiver receiver, IEnumerable<long> published)
    {
        var deliveries = receiver.Deliveries.ToArray();
        Assert.All(deliveries, d => Assert.True(d.SignatureValid));
        var firstArrivals = receiver.Accepted.Distinct().ToArray();
        Assert.Equal(firstArrivals.Order(), firstArrivals);
        Assert.Empty(published.Except(firstArrivals));
        Assert.All(deliveries, d => Assert.Equal(
            d.ContentType.StartsWith("application/cloudevents-batch+json", StringComparison.Ordinal)
                ? string.Create(CultureInfo.InvariantCulture, $"{d.Sequences[0]}-{d.Sequences[^1]}")
                : d.Sequences[0].ToString(CultureInfo.InvariantCulture),
            d.Id));
    }

    [Fact]
    public async Task Delivery_ReceiverDownForAWhile_EveryEventArrivesInOrderAfterItReturns()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var host = await TestHost.StartAsync(null, Configured(receiver));
        var metrics = host.App.Services.GetRequiredService<EventSinkMetrics>();

        var before = await PublishAsync(host, 30);
        await Eventually.AssertAsync(() => receiver.Accepted.Contains(before[^1]), Wait, "the first events delivered");
        await receiver.StopAsync();
        var during = await PublishAsync(host, 30);
        await Eventually.AssertAsync(() => metrics.FailedCount("webhook-crm") >= 2, Wait, "failed attempts while the receiver is down");
        await receiver.StartAsync();
        var after = await PublishAsync(host, 30);
        await Eventually.AssertAsync(() => receiver.Accepted.Contains(after[^1]), Wait, "every event delivered after the receiver returned");

        AssertDeliveredOnceInOrder(receiver, [.. before, .. during, .. after]);
        Assert.True(metrics.DeliveredCount("webhook-crm") >= 90);
    }

    [Fact]
    public async Task Delivery_HostRestartedWithUndeliveredEvents_ResumesFromTheStoredCursor()
    {
        var data = Directory.CreateTempSubdirectory("cti-webhooks-host-").FullName;
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        long[] delivered;
        long[] pending;
        await using (var host = await TestHost.StartAsync(data, Configured(receiver, batchSize: 5)))
        {
            delivered = await PublishAsync(host, 20);
            await Eventually.AssertAsync(() => receiver.Accepted.Contains(delivered[^1]), Wait, "the first events delivered");
            await receiver.StopAsync();
            pending = await PublishAsync(host, 20);
        }

        var beforeRestart = receiver.Deliveries.Count;
        await receiver.StartAsync();
        await using var again = await TestHost.StartAsync(data, Configured(receiver, batchSize: 5));
        await Eventually.AssertAsync(() => receiver.Accepted.Contains(pending[^1]), Wait, "the pending events delivered after the restart");

        AssertDeliveredOnceInOrder(receiver, [.. delivered, .. pending]);
        var resent = receiver.Deliveries.Skip(beforeRestart).SelectMany(d => d.Sequences).Intersect(delivered).ToArray();
        Assert.Empty(resent);
        Assert.All(receiver.Deliveries.Skip(beforeRestart), d => Assert.Equal("application/cloudevents-batch+json; charset=utf-8", d.ContentType));
    }

    [Fact]
    public async Task Api_AdminCreatesListsReplaysDeletes_OthersForbiddenAndBadInputListed()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var host = await TestHost.StartAsync(null, Configured(receiver));
        using var admin = host.CreateClient();
        using var integrator = host.CreateClient(TestHost.IntegratorKey);

        using var forbidden = await integrator.GetAsync(new Uri("/api/v1/webhooks", UriKind.Relative));
        using var bad = await admin.PostAsJsonAsync("/api/v1/webhooks", new { id = "Bad Id", url = "http://crm.example.com/x", secret = "short" });
        var badErrors = JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        using var created = await admin.PostAsJsonAsync("/api/v1/webhooks", new { id = "erp", url = receiver.Url, types = new[] { "call.*" } });
        var createdBody = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        using var conflict = await admin.PostAsJsonAsync("/api/v1/webhooks", new { id = "erp", url = receiver.Url });
        var list = JsonNode.Parse(await admin.GetStringAsync(new Uri("/api/v1/webhooks", UriKind.Relative)))!.AsArray();
        var seqs = await PublishAsync(host, 3);
        await Eventually.AssertAsync(() => receiver.Accepted.Contains(seqs[^1]), Wait, "delivered to crm");
        using var replay = await admin.PostAsJsonAsync("/api/v1/webhooks/crm/replay", new { fromSequence = seqs[0] });
        await Eventually.AssertAsync(() => receiver.Accepted.Count(s => s == seqs[^1]) == 2, Wait, "replayed to crm");
        using var badReplay = await admin.PostAsJsonAsync("/api/v1/webhooks/crm/replay", new { fromSequence = 0 });
        using var deleteConfigured = await admin.DeleteAsync(new Uri("/api/v1/webhooks/crm", UriKind.Relative));
        using var deleted = await admin.DeleteAsync(new Uri("/api/v1/webhooks/erp", UriKind.Relative));
        using var gone = await admin.GetAsync(new Uri("/api/v1/webhooks/erp", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["id", "url", "secret"], badErrors.Select(e => e.Key));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("whsec_", createdBody["secret"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("active", createdBody["webhook"]!["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(["crm", "erp"], list.Select(w => w!["id"]!.GetValue<string>()));
        Assert.All(list, w => Assert.Null(w!["secret"]));
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badReplay.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, deleteConfigured.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        AssertDeliveredOnceInOrder(receiver, seqs);
    }
}
