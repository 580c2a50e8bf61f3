using System.Threading.Channels;

namespace Cti.Host.Events;

/// <summary>
/// One live subscriber's bounded buffer. The broadcaster never waits on it: when it is full the subscription is
/// ended with <see cref="Overflowed"/> set, and the client resumes from its last event id.
/// </summary>
internal sealed class EventSubscription : IDisposable
{
    private readonly Channel<EventRecord> _buffer;
    private readonly EventBroadcaster _owner;

    public EventSubscription(EventBroadcaster owner, int capacity, long startSeq)
    {
        _owner = owner;
        StartSeq = startSeq;
        _buffer = Channel.CreateBounded<EventRecord>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The last sequence number committed before this subscription started; later ones arrive here.</summary>
    public long StartSeq { get; }

    public ChannelReader<EventRecord> Reader => _buffer.Reader;

    public bool Overflowed { get; private set; }

    public void Dispose() => _owner.Unsubscribe(this);

    /// <summary>Called by the broadcaster under its lock; false when the buffer is full.</summary>
    internal bool TryDeliver(EventRecord record) => _buffer.Writer.TryWrite(record);

    internal void EndOverflowed()
    {
        Overflowed = true;
        _buffer.Writer.TryComplete();
    }

    internal void End() => _buffer.Writer.TryComplete();
}
