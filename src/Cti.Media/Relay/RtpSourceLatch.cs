using System.Net;
using System.Net.Sockets;

namespace Cti.Media.Relay;

/// <summary>
/// Symmetric latching for one socket: where to send (the signalled address until a packet arrives, then the packet's
/// source) and which sources to accept. The hot path is one allocation-free <see cref="SocketAddress"/> comparison.
/// </summary>
internal sealed class RtpSourceLatch
{
    private static readonly IPEndPoint EndPointFactory = new(IPAddress.Any, 0);
    private readonly object _gate = new();
    private SocketAddress? _signalled;
    private SocketAddress? _latched;
    private IPEndPoint? _latchedEndPoint;
    private IPAddress? _expectedAddress;
    private long _lastAccepted;

    public SocketAddress? Target => Volatile.Read(ref _latched) ?? Volatile.Read(ref _signalled);

    public IPEndPoint? LatchedEndPoint => Volatile.Read(ref _latchedEndPoint);

    /// <summary>Sets the address from SDP; a different address than before drops the current latch.</summary>
    public void SetSignalled(IPEndPoint? endPoint)
    {
        lock (_gate)
        {
            var serialized = endPoint?.Serialize();
            var previous = Volatile.Read(ref _signalled);
            if (previous is not null && serialized is not null && previous.Equals(serialized))
            {
                return;
            }

            _expectedAddress = endPoint?.Address;
            Volatile.Write(ref _signalled, serialized);
            Volatile.Write(ref _latched, null);
            Volatile.Write(ref _latchedEndPoint, null);
        }
    }

    /// <summary>Decides whether a packet from <paramref name="source"/> is accepted, latching to it when appropriate.</summary>
    public RtpLatchDecision Accept(SocketAddress source, long now, bool anySource, long relatchAfterTicks)
    {
        var current = Volatile.Read(ref _latched);
        if (current is not null && current.Equals(source))
        {
            Volatile.Write(ref _lastAccepted, now);
            return RtpLatchDecision.Accepted;
        }

        lock (_gate)
        {
            if (_latched is not null && now - Volatile.Read(ref _lastAccepted) < relatchAfterTicks)
            {
                return RtpLatchDecision.Rejected;
            }

            var endPoint = (IPEndPoint)EndPointFactory.Create(source);
            var address = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
            if (!anySource && _expectedAddress is not null && !address.Equals(_expectedAddress))
            {
                return RtpLatchDecision.Rejected;
            }

            var copy = new SocketAddress(source.Family, source.Size);
            source.Buffer.Span[..source.Size].CopyTo(copy.Buffer.Span);
            Volatile.Write(ref _latchedEndPoint, endPoint);
            Volatile.Write(ref _latched, copy);
            Volatile.Write(ref _lastAccepted, now);
            return RtpLatchDecision.Latched;
        }
    }
}
