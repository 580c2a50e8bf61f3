using Cti.Host.Events;

namespace Cti.Host.Tests.Events;

public sealed class EventBroadcasterTests
{
    private static EventRecord Record(long seq) => new(seq, CtiEventTypes.CallEnded, DateTimeOffset.UnixEpoch, "{}");

    [Fact]
    public void Subscribe_AfterPublishes_StartSeqIsLastPublishedAndOnlyLaterEventsArrive()
    {
        var broadcaster = new EventBroadcaster(10);
        broadcaster.Publish([Record(11), Record(12)]);

        using var subscription = broadcaster.Subscribe(16);
        broadcaster.Publish([Record(13)]);

        Assert.Equal(12, subscription.StartSeq);
        Assert.True(subscription.Reader.TryRead(out var record));
        Assert.Equal(13, record.Seq);
        Assert.False(subscription.Reader.TryRead(out _));
    }

    [Fact]
    public void Publish_SubscriberBufferFull_SubscriberEndedOverflowedOthersUnaffected()
    {
        var broadcaster = new EventBroadcaster(0);
        using var slow = broadcaster.Subscribe(16);
        using var fast = broadcaster.Subscribe(64);

        broadcaster.Publish([.. Enumerable.Range(1, 20).Select(i => Record(i))]);

        Assert.True(slow.Overflowed);
        Assert.False(fast.Overflowed);
        Assert.Equal(1, broadcaster.SubscriberCount);
        var drained = 0;
        while (slow.Reader.TryRead(out _))
        {
            drained++;
        }

        Assert.Equal(16, drained);
        Assert.True(slow.Reader.Completion.IsCompleted);
        Assert.Equal(20, fast.Reader.Count);
    }

    [Fact]
    public void Dispose_Subscription_Removed()
    {
        var broadcaster = new EventBroadcaster(0);
        var subscription = broadcaster.Subscribe(16);

        subscription.Dispose();

        Assert.Equal(0, broadcaster.SubscriberCount);
    }
}
