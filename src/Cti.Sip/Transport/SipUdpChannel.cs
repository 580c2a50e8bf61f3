using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Cti.Sip.Parsing;
using Microsoft.Extensions.Logging;

namespace Cti.Sip.Transport;

/// <summary>
/// One UDP socket bound to a configured endpoint and its receive loop. The loop only receives: each datagram is copied
/// into a pooled array and parsed and handled on the thread pool, so parsing, transaction matching and digest checks
/// use every core while the socket keeps draining. UDP promises no order between datagrams, and the transaction layer
/// is safe for concurrent use, so handling them in parallel changes nothing a peer can rely on.
/// </summary>
internal sealed partial class SipUdpChannel : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly ISipTransportSink _sink;
    private readonly SipParserLimits _limits;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public SipUdpChannel(IPEndPoint bind, ISipTransportSink sink, SipParserLimits limits, ILogger logger)
    {
        _sink = sink;
        _limits = limits;
        _logger = logger;
        _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (OperatingSystem.IsWindows())
            {
                // Stop ICMP port-unreachable from surfacing as receive errors (SIO_UDP_CONNRESET off).
                _socket.IOControl(unchecked((int)0x9800000C), [0, 0, 0, 0], null);
            }

            _socket.Bind(bind);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    public void Start() => _loop = Task.Run(ReceiveLoopAsync);

    public async ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint remote, CancellationToken cancellationToken) =>
        await _socket.SendToAsync(datagram, SocketFlags.None, remote, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = GC.AllocateUninitializedArray<byte>(65_535, pinned: true);
        EndPoint anyRemote = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, anyRemote, _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                // ICMP errors and oversize datagrams affect one datagram, not the socket.
                Log.ReceiveFailed(_logger, LocalEndPoint, ex.SocketErrorCode);
                continue;
            }

            var source = new SipEndPoint(SipTransportProtocol.Udp, (IPEndPoint)received.RemoteEndPoint, LocalEndPoint);
            var copy = ArrayPool<byte>.Shared.Rent(received.ReceivedBytes);
            buffer.AsSpan(0, received.ReceivedBytes).CopyTo(copy);
            ThreadPool.UnsafeQueueUserWorkItem(static work => work.Channel.ProcessPooled(work), new PendingDatagram(this, copy, received.ReceivedBytes, source), preferLocal: false);
        }
    }

    private void ProcessPooled(PendingDatagram work)
    {
        try
        {
            Process(work.Buffer.AsSpan(0, work.Length), work.Source);
        }
#pragma warning disable CA1031 // A bad datagram or a failing consumer must not stop the listener.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ProcessingFailed(_logger, work.Source, ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(work.Buffer);
        }
    }

    private void Process(ReadOnlySpan<byte> datagram, SipEndPoint source)
    {
        if (SipKeepAlive.IsKeepAliveDatagram(datagram))
        {
            return;
        }

        var result = SipMessageParser.ParseDatagram(datagram, _limits);
        if (result.IsSuccess)
        {
            _sink.OnMessage(result.Message, source);
        }
        else
        {
            var pending = _sink.OnParseErrorAsync(result.Error, source);
            if (!pending.IsCompletedSuccessfully)
            {
                _ = pending.AsTask();
            }
        }
    }

    private readonly record struct PendingDatagram(SipUdpChannel Channel, byte[] Buffer, int Length, SipEndPoint Source);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2320, Level = LogLevel.Debug, Message = "UDP receive on {Local} failed: {Error}")]
        public static partial void ReceiveFailed(ILogger logger, IPEndPoint local, SocketError error);

        [LoggerMessage(EventId = 2321, Level = LogLevel.Warning, Message = "Processing a datagram from {Source} failed")]
        public static partial void ProcessingFailed(ILogger logger, SipEndPoint source, Exception exception);
    }
}
