using Cti.Events;
using Cti.Platform.Streaming;

namespace Cti.Host.Tests.Streaming;

public sealed class FanoutTests
{
    private static EventRecord Record(long seq) => new(seq, CtiEventTypes.CallEnded, DateTimeOffset.UnixEpoch, "{}");

    [Fact]
    public void Subscribe_AfterPublishes_StartSeqIsLastPublishedAndOnlyLaterEventsArrive()
    {
        var broadcaster = new Fanout<EventRecord>(r => r.Seq, 10);
        broadcaster.Publish([Record(11), Record(12)]);

        using var subscription = broadcaster.Subscribe(16);
        broadcaster.Publish([Record(13)]);

        Assert.Equal(12, subscription.StartSequence);
        Assert.True(subscription.Reader.TryRead(out var record));
        Assert.Equal(13, record.Seq);
        Assert.False(subscription.Reader.TryRead(out _));
    }

    [Fact]
    public void Publish_SubscriberBufferFull_SubscriberEndedOverflowedOthersUnaffected()
    {
        var broadcaster = new Fanout<EventRecord>(r => r.Seq);
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
        var broadcaster = new Fanout<EventRecord>(r => r.Seq);
        var subscription = broadcaster.Subscribe(16);

        subscription.Dispose();

        Assert.Equal(0, broadcaster.SubscriberCount);
        Assert.True(subscription.Reader.Completion.IsCompleted);
    }

    [Fact]
    public void Close_EndsLiveAndLaterSubscriptions()
    {
        var fanout = new Fanout<EventRecord>(r => r.Seq);
        using var live = fanout.Subscribe(4);

        fanout.Close();
        using var late = fanout.Subscribe(4);

        Assert.True(live.Reader.Completion.IsCompleted);
        Assert.True(late.Reader.Completion.IsCompleted);
        Assert.False(live.Overflowed);
        Assert.Equal(0, fanout.SubscriberCount);
    }
}
