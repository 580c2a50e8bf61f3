using Cti.Acd;
using Cti.Routing.Config;
using Cti.Routing.Engine;
using Cti.Routing.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Acd.Tests;

public sealed class AcdOutputHubTests
{
    private static AcdOutputHub Hub(int capacity) => new(
        new AcdEngine(DemoRoutingConfig.Create(), new InMemoryRoutingStateStore(), new FakeTimeProvider(), NullLogger<AcdEngine>.Instance),
        capacity,
        new FakeTimeProvider(),
        NullLogger<AcdOutputHub>.Instance);

    private static T At<T>(T output, long sequence)
        where T : AcdOutput
    {
        output.Sequence = sequence;
        return output;
    }

    [Fact]
    public void Dispatch_TwoSubscribers_BothReceiveEveryOutputInOrder()
    {
        using var hub = Hub(10);
        using var a = hub.Subscribe();
        using var b = hub.Subscribe();

        hub.Dispatch(At(new CallQueued("c1", "support", 0), 1));
        hub.Dispatch(At(new OfferCall("c1", "1001", "support", TimeSpan.FromSeconds(20)), 2));

        foreach (var subscription in new[] { a, b })
        {
            Assert.True(subscription.Reader.TryRead(out var first));
            Assert.True(subscription.Reader.TryRead(out var second));
            Assert.Equal([1L, 2L], [first!.Sequence, second!.Sequence]);
            Assert.IsType<OfferCall>(second);
        }

        Assert.Equal(2, hub.LastSequence);
    }

    [Fact]
    public void Subscribe_AfterOutputs_StartsAtLastSequenceAndMissesOlderOnes()
    {
        using var hub = Hub(10);
        hub.Dispatch(At(new ConfigApplied(2), 7));

        using var late = hub.Subscribe();

        Assert.Equal(7, late.StartSequence);
        Assert.False(late.Reader.TryRead(out _));
    }

    [Fact]
    public void Dispose_Subscription_StopsDeliveryAndCompletesReader()
    {
        using var hub = Hub(10);
        var subscription = hub.Subscribe();
        subscription.Dispose();

        hub.Dispatch(At(new ConfigApplied(2), 1));

        Assert.False(subscription.Reader.TryRead(out _));
        Assert.True(subscription.Reader.Completion.IsCompleted);
    }

    [Fact]
    public void RecentEvents_MoreThanCapacity_KeepsNewestEventsOnly()
    {
        using var hub = Hub(3);

        for (var i = 1; i <= 5; i++)
        {
            hub.Dispatch(At(new CallQueued($"c{i}", "support", 0), i));
        }

        hub.Dispatch(At(new StopRinging("c5", "1001", StopRingingReason.CallerHungUp), 6));

        Assert.Equal([3L, 4L, 5L], hub.RecentEvents().Select(e => e.Sequence));
    }
}
