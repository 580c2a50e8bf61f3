using System.Threading.Channels;

namespace Cti.Platform.Streaming;

/// <summary>
/// One subscriber's bounded buffer in a <see cref="Fanout{T}"/>. Disposing it unsubscribes; the reader completes
/// when the fan-out closes or when this subscriber overflowed.
/// </summary>
internal sealed class FanoutSubscription<T> : IDisposable
{
    private readonly Channel<T> _buffer;
    private readonly Fanout<T> _owner;

    internal FanoutSubscription(Fanout<T> owner, int capacity, long startSequence)
    {
        _owner = owner;
        StartSequence = startSequence;
        _buffer = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Items up to and including this sequence were published before the subscription began.</summary>
    public long StartSequence { get; }

    public ChannelReader<T> Reader => _buffer.Reader;

    /// <summary>True when the subscription ended because its buffer was full.</summary>
    public bool Overflowed { get; private set; }

    public void Dispose()
    {
        _owner.Unsubscribe(this);
        End();
    }

    /// <summary>Called by the fan-out under its lock; false when the buffer is full.</summary>
    internal bool TryDeliver(T item) => _buffer.Writer.TryWrite(item);

    internal void EndOverflowed()
    {
        Overflowed = true;
        _buffer.Writer.TryComplete();
    }

    internal void End() => _buffer.Writer.TryComplete();
}
