using System.Net;
using Cti.Sip.Messages;
using Cti.Sip.Serialization;
using Cti.Sip.Stack;
using Cti.Sip.Transactions;
using Microsoft.Extensions.Logging;

namespace Cti.Sip.Transport;

/// <summary>
/// The stack's <see cref="ISipTransport"/>: UDP sockets and TCP connections behind one send method. Every message
/// (retransmissions included) passes here, so this is where responses are counted and forbidden destinations refused.
/// </summary>
internal sealed partial class SipTransportLayer : ISipTransport, IAsyncDisposable
{
    private readonly List<SipUdpChannel> _udp = [];
    private readonly SipTcpChannel _tcp;
    private readonly List<SipListenEndPoint> _bound = [];
    private readonly ISipTransportSink _sink;
    private readonly SipTransportOptions _options;
    private readonly ISipStackObserver _observer;
    private readonly ILogger _logger;

    public SipTransportLayer(ISipTransportSink sink, SipTransportOptions options, SipTimerWheel wheel, TimeProvider timeProvider, ISipStackObserver observer, ILogger logger)
    {
        _sink = sink;
        _options = options;
        _observer = observer;
        _logger = logger;
        _tcp = new SipTcpChannel(sink, options, wheel, timeProvider, logger);
    }

    /// <summary>The endpoints actually bound (port 0 replaced by the assigned port).</summary>
    public IReadOnlyList<SipListenEndPoint> BoundEndPoints => _bound;

    public int TcpConnectionCount => _tcp.ConnectionCount;

    public SipListenEndPoint Listen(SipListenEndPoint endPoint)
    {
        IPEndPoint local;
        if (endPoint.Transport == SipTransportProtocol.Udp)
        {
            var channel = new SipUdpChannel(endPoint.ToIPEndPoint(), _sink, _options.ParserLimits, _logger);
            _udp.Add(channel);
            channel.Start();
            local = channel.LocalEndPoint;
        }
        else
        {
            local = _tcp.Listen(endPoint.ToIPEndPoint());
        }

        var bound = endPoint with { Address = local.Address, Port = local.Port };
        _bound.Add(bound);
        Log.Listening(_logger, bound);
        return bound;
    }

    public async ValueTask SendAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(destination);
        if (SipAddressRules.IsForbiddenDestination(destination.Remote.Address))
        {
            Log.ForbiddenDestination(_logger, destination);
            throw new InvalidOperationException($"Refusing to send to broadcast, multicast or unspecified address {destination.Remote.Address}.");
        }

        var bytes = SipMessageWriter.ToBytes(message);
        if (destination.Transport == SipTransportProtocol.Udp)
        {
            await PickUdp(destination).SendAsync(bytes, destination.Remote, cancellationToken);
        }
        else
        {
            await _tcp.SendAsync(bytes, destination.Remote, cancellationToken);
        }

        if (message is SipResponse response)
        {
            _observer.OnResponseSent(response.StatusCode);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _udp)
        {
            await channel.DisposeAsync();
        }

        await _tcp.DisposeAsync();
    }

    /// <summary>The socket that received from this peer, else the first of the same address family.</summary>
    private SipUdpChannel PickUdp(SipEndPoint destination)
    {
        SipUdpChannel? sameFamily = null;
        foreach (var channel in _udp)
        {
            if (destination.Local is { } local && channel.LocalEndPoint.Equals(local))
            {
                return channel;
            }

            if (sameFamily is null && channel.LocalEndPoint.AddressFamily == destination.Remote.AddressFamily)
            {
                sameFamily = channel;
            }
        }

        return sameFamily ?? throw new InvalidOperationException($"No UDP listener can reach {destination.Remote}.");
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2350, Level = LogLevel.Information, Message = "SIP listening on {EndPoint}")]
        public static partial void Listening(ILogger logger, SipListenEndPoint endPoint);

        [LoggerMessage(EventId = 2351, Level = LogLevel.Warning, Message = "Refused to send to {Destination}")]
        public static partial void ForbiddenDestination(ILogger logger, SipEndPoint destination);
    }
}
