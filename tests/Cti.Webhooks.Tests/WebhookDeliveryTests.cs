using Cti.Events;
using Cti.Webhooks.Tests.TestKit;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace Cti.Webhooks.Tests;

public sealed class WebhookDeliveryTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task DeliverAsync_OneEventPerRequest_SignedWithEventIdAndCursorMoved()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var rig = new DeliveryRig(new WebhooksOptions(), TimeProvider.System);
        var subscription = DeliveryRig.Subscription("crm", receiver.Url, Secret);
        rig.Store.Save(subscription, onlyNew: true);
        var records = rig.Publish(5);

        await rig.Sink(subscription).DeliverAsync(records, CancellationToken.None);

        var deliveries = receiver.Deliveries.ToArray();
        Assert.Equal(["1", "2", "3", "4", "5"], deliveries.Select(d => d.Id));
        Assert.All(deliveries, d => Assert.True(d.SignatureValid));
        Assert.All(deliveries, d => Assert.Equal("application/cloudevents+json; charset=utf-8", d.ContentType));
        Assert.All(deliveries, d => Assert.Equal("com.cti.agent.state", Assert.Single(d.Types)));
        Assert.Equal(5, rig.Store.Get("crm")!.Cursor);
    }

    [Fact]
    public async Task DeliverAsync_BatchSizeThree_ArraysOfUpToThreeWithRangeIds()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var rig = new DeliveryRig(new WebhooksOptions(), TimeProvider.System);
        var subscription = DeliveryRig.Subscription("crm", receiver.Url, Secret, batchSize: 3);
        rig.Store.Save(subscription, onlyNew: true);

        await rig.Sink(subscription).DeliverAsync(rig.Publish(7), CancellationToken.None);

        var deliveries = receiver.Deliveries.ToArray();
        Assert.Equal(["1-3", "4-6", "7-7"], deliveries.Select(d => d.Id));
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], receiver.Accepted);
        Assert.All(deliveries, d => Assert.Equal("application/cloudevents-batch+json; charset=utf-8", d.ContentType));
        Assert.All(deliveries, d => Assert.True(d.SignatureValid));
    }

    [Fact]
    public async Task DeliverAsync_TypeFilter_OnlyMatchingSentAndCursorPastTheRest()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var rig = new DeliveryRig(new WebhooksOptions(), TimeProvider.System);
        var subscription = DeliveryRig.Subscription("crm", receiver.Url, Secret, 1, "call.*");
        rig.Store.Save(subscription, onlyNew: true);
        var sink = rig.Sink(subscription);

        await sink.DeliverAsync([.. rig.Publish(2, CtiEventTypes.CallEnded), .. rig.Publish(3, CtiEventTypes.AgentState)], CancellationToken.None);

        Assert.Equal([1L, 2], receiver.Accepted);
        Assert.Equal(5, rig.Store.Get("crm")!.Cursor);
    }

    [Fact]
    public async Task DeliverAsync_FailingLongerThanDeadLetterAfter_DeadLetteredThenParked()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        receiver.Status = 503;
        await using var rig = new DeliveryRig(new WebhooksOptions { MaxRetries = 0, DeadLetterAfter = TimeSpan.FromHours(24) }, time);
        var subscription = DeliveryRig.Subscription("crm", receiver.Url, Secret);
        rig.Store.Save(subscription, onlyNew: true);
        var sink = rig.Sink(subscription);
        var batch = rig.Publish(1);

        await Assert.ThrowsAsync<WebhookDeliveryException>(() => sink.DeliverAsync(batch, CancellationToken.None).AsTask());
        var failing = rig.Store.Get("crm")!;
        time.Advance(TimeSpan.FromHours(23));
        await Assert.ThrowsAsync<WebhookDeliveryException>(() => sink.DeliverAsync(batch, CancellationToken.None).AsTask());
        var stillActive = rig.Store.Get("crm")!;
        time.Advance(TimeSpan.FromHours(2));
        await Assert.ThrowsAsync<WebhookDeliveryException>(() => sink.DeliverAsync(batch, CancellationToken.None).AsTask());
        var dead = rig.Store.Get("crm")!;
        using var cancel = new CancellationTokenSource();
        var parked = sink.DeliverAsync(batch, cancel.Token).AsTask();
        time.Advance(TimeSpan.FromDays(30));
        Assert.False(parked.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => parked);
        Assert.Equal(WebhookState.Active, failing.State);
        Assert.Equal(time.Start, failing.FailingSince);
        Assert.Equal("HTTP 503 from the receiver", failing.LastError);
        Assert.Equal(WebhookState.Active, stillActive.State);
        Assert.Equal(WebhookState.DeadLetter, dead.State);
        Assert.Equal(time.Start.AddHours(25), dead.DeadLetteredAt);
        Assert.Equal(3, receiver.Deliveries.Count); // nothing sent while parked
    }

    [Fact]
    public async Task DeliverAsync_ThreeFailures_CircuitOpensUntilBreakDurationPassed()
    {
        var time = new FakeTimeProvider();
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        receiver.Status = 500;
        await using var rig = new DeliveryRig(new WebhooksOptions { MaxRetries = 0, BreakDuration = TimeSpan.FromSeconds(30) }, time);
        var subscription = DeliveryRig.Subscription("crm", receiver.Url, Secret);
        rig.Store.Save(subscription, onlyNew: true);
        var sink = rig.Sink(subscription);
        var batch = rig.Publish(1);
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<WebhookDeliveryException>(() => sink.DeliverAsync(batch, CancellationToken.None).AsTask());
        }

        await Assert.ThrowsAsync<BrokenCircuitException>(() => sink.DeliverAsync(batch, CancellationToken.None).AsTask());
        var sentWhileOpen = receiver.Deliveries.Count;
        receiver.Status = 200;
        time.Advance(TimeSpan.FromSeconds(31));
        await sink.DeliverAsync(batch, CancellationToken.None);

        Assert.Equal(3, sentWhileOpen);
        Assert.Equal([1L], receiver.Accepted);
        Assert.Null(rig.Store.Get("crm")!.FailingSince);
    }

    [Fact]
    public async Task DeliverAsync_ReceiverSlowerThanRequestTimeout_FailsInTimeAndRecordsWhy()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        receiver.Delay = TimeSpan.FromSeconds(20);
        await using var rig = new DeliveryRig(new WebhooksOptions { MaxRetries = 0, RequestTimeout = TimeSpan.FromMilliseconds(300) }, TimeProvider.System);
        var subscription = DeliveryRig.Subscription("crm", receiver.Url, Secret);
        rig.Store.Save(subscription, onlyNew: true);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<WebhookDeliveryException>(() => rig.Sink(subscription).DeliverAsync(rig.Publish(1), CancellationToken.None).AsTask());

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), clock.Elapsed.ToString());
        Assert.Equal("no answer within 0.3 s", error.Message);
        Assert.Equal("no answer within 0.3 s", rig.Store.Get("crm")!.LastError);
        Assert.Equal(0, rig.Store.Get("crm")!.Cursor ?? 0);
    }

    [Fact]
    public async Task ReplayAsync_DeadLettered_RevivedAndRedeliveredInOrderFromTheSequence()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        await using var rig = new DeliveryRig(new WebhooksOptions(), TimeProvider.System);
        rig.Publish(10);
        var subscription = DeliveryRig.Subscription("crm", receiver.Url, Secret, batchSize: 4);
        rig.Store.Save(subscription, onlyNew: true);
        rig.Store.DeadLetter("crm", DateTimeOffset.UnixEpoch);
        await rig.Dispatcher.StartAsync(CancellationToken.None);
        rig.Publish(2);

        var replayed = await rig.Dispatcher.ReplayAsync("crm", 4, CancellationToken.None);

        Assert.Equal(WebhookState.Active, replayed!.State);
        Assert.Equal(3, replayed.Cursor);
        await Eventually.AssertAsync(() => receiver.Accepted.Count >= 9, Wait, "events 4-12 delivered");
        Assert.Equal([4L, 5, 6, 7, 8, 9, 10, 11, 12], receiver.Accepted);
        await Eventually.AssertAsync(() => rig.Store.Get("crm")!.Cursor == 12, Wait, "cursor at 12");
        Assert.Equal(9, rig.Metrics.DeliveredCount("webhook-crm"));
        Assert.Null(await rig.Dispatcher.ReplayAsync("nobody", 1, CancellationToken.None));
    }

    [Fact]
    public async Task Dispatcher_ConfiguredSubscription_StartsAtLogEndAndFollowsLive()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret);
        var options = new WebhooksOptions();
        options.Subscriptions["crm"] = new WebhookSubscriptionOptions { Url = receiver.Url.ToString(), Secret = Secret, Types = ["agent.*"] };
        await using var rig = new DeliveryRig(options, TimeProvider.System);
        rig.Publish(3);
        await rig.Dispatcher.StartAsync(CancellationToken.None);
        await Eventually.AssertAsync(() => rig.Store.Get("crm")?.Cursor == 3, Wait, "the new subscription's cursor at the log end");

        rig.Publish(4);

        await Eventually.AssertAsync(() => receiver.Accepted.Count >= 4, Wait, "the live events delivered");
        Assert.Equal([4L, 5, 6, 7], receiver.Accepted);
        Assert.Equal(WebhookOrigin.Configuration, rig.Store.Get("crm")!.Origin);
    }
}
