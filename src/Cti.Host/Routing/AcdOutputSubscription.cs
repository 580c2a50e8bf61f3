using System.Threading.Channels;
using Cti.Routing.Engine;

namespace Cti.Host.Routing;

/// <summary>One listener of <see cref="IAcdOutputFeed"/>; disposing it unsubscribes and completes the reader.</summary>
internal sealed class AcdOutputSubscription : IDisposable
{
    private readonly Channel<AcdOutput> _channel = Channel.CreateUnbounded<AcdOutput>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Action<AcdOutputSubscription> _unsubscribe;

    public AcdOutputSubscription(long startSequence, Action<AcdOutputSubscription> unsubscribe)
    {
        StartSequence = startSequence;
        _unsubscribe = unsubscribe;
    }

    /// <summary>Outputs up to and including this sequence were published before the subscription began.</summary>
    public long StartSequence { get; }

    public ChannelReader<AcdOutput> Reader => _channel.Reader;

    internal void Deliver(AcdOutput output) => _channel.Writer.TryWrite(output);

    internal void Complete() => _channel.Writer.TryComplete();

    public void Dispose()
    {
        _unsubscribe(this);
        Complete();
    }
}
