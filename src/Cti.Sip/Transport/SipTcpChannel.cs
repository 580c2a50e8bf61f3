using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Cti.Sip.Transactions;
using Microsoft.Extensions.Logging;

namespace Cti.Sip.Transport;

/// <summary>
/// TCP listeners and the connection table. Connections are keyed by remote endpoint so responses and new requests
/// to a peer reuse the connection it opened (or we opened); idle connections are closed by a sweep on the shared
/// timer heartbeat.
/// </summary>
internal sealed partial class SipTcpChannel : IAsyncDisposable
{
    private readonly ConcurrentDictionary<IPEndPoint, SipTcpConnection> _connections = new();
    private readonly List<(Socket Socket, Task Loop)> _listeners = [];
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly ISipTransportSink _sink;
    private readonly SipTransportOptions _options;
    private readonly SipTimerWheel _wheel;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private SipTimerHandle? _sweep;

    public SipTcpChannel(ISipTransportSink sink, SipTransportOptions options, SipTimerWheel wheel, TimeProvider timeProvider, ILogger logger)
    {
        _sink = sink;
        _options = options;
        _wheel = wheel;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public int ConnectionCount => _connections.Count;

    public IPEndPoint Listen(IPEndPoint bind)
    {
        var socket = new Socket(bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(bind);
            socket.Listen(512);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var local = (IPEndPoint)socket.LocalEndPoint!;
        _listeners.Add((socket, Task.Run(() => AcceptLoopAsync(socket))));
        ScheduleSweep();
        return local;
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, IPEndPoint remote, CancellationToken cancellationToken)
    {
        var connection = await GetOrConnectAsync(remote, cancellationToken);
        await connection.SendAsync(data, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _sweep?.Cancel();
        foreach (var (socket, _) in _listeners)
        {
            socket.Dispose();
        }

        foreach (var (_, loop) in _listeners)
        {
            await loop;
        }

        foreach (var connection in _connections.Values)
        {
            await connection.DisposeAsync();
        }

        _connections.Clear();
        _stop.Dispose();
        _connectLock.Dispose();
    }

    private async ValueTask<SipTcpConnection> GetOrConnectAsync(IPEndPoint remote, CancellationToken cancellationToken)
    {
        if (_connections.TryGetValue(remote, out var existing) && !existing.IsClosed)
        {
            return existing;
        }

        // One connect at a time keeps two sends to the same new peer from opening two connections.
        await _connectLock.WaitAsync(cancellationToken);
        try
        {
            if (_connections.TryGetValue(remote, out existing) && !existing.IsClosed)
            {
                return existing;
            }

            var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                using var timeout = new CancellationTokenSource(_options.TcpConnectTimeout, _timeProvider);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken, _stop.Token);
                await socket.ConnectAsync(remote, linked.Token);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            return Adopt(socket);
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                Log.AcceptFailed(_logger, ex.SocketErrorCode);
                continue;
            }

            if (_connections.Count >= _options.MaxTcpConnections)
            {
                Log.ConnectionLimit(_logger, _options.MaxTcpConnections);
                socket.Dispose();
                continue;
            }

            Adopt(socket);
        }
    }

    private SipTcpConnection Adopt(Socket socket)
    {
        var connection = new SipTcpConnection(socket, _timeProvider, _logger);
        var remote = connection.EndPoint.Remote;
        if (_connections.TryGetValue(remote, out var previous))
        {
            _ = previous.DisposeAsync().AsTask();
        }

        _connections[remote] = connection;
        connection.Start(_sink, _options.ParserLimits, closed => _connections.TryRemove(new KeyValuePair<IPEndPoint, SipTcpConnection>(closed.EndPoint.Remote, closed)));
        return connection;
    }

    private void ScheduleSweep()
    {
        if (_sweep is not null)
        {
            return;
        }

        var interval = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, _options.TcpIdleTimeout.Ticks / 4));
        void Sweep()
        {
            foreach (var connection in _connections.Values)
            {
                if (connection.IdleFor >= _options.TcpIdleTimeout)
                {
                    Log.IdleClosed(_logger, connection.EndPoint);
                    _connections.TryRemove(new KeyValuePair<IPEndPoint, SipTcpConnection>(connection.EndPoint.Remote, connection));
                    _ = connection.DisposeAsync().AsTask();
                }
            }

            if (!_stop.IsCancellationRequested)
            {
                _sweep = _wheel.Schedule(interval, Sweep);
            }
        }

        _sweep = _wheel.Schedule(interval, Sweep);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2340, Level = LogLevel.Warning, Message = "TCP accept failed: {Error}")]
        public static partial void AcceptFailed(ILogger logger, SocketError error);

        [LoggerMessage(EventId = 2341, Level = LogLevel.Warning, Message = "TCP connection limit {Limit} reached; refusing a connection")]
        public static partial void ConnectionLimit(ILogger logger, int limit);

        [LoggerMessage(EventId = 2342, Level = LogLevel.Debug, Message = "Closing idle TCP connection {Remote}")]
        public static partial void IdleClosed(ILogger logger, SipEndPoint remote);
    }
}
