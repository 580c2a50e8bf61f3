using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Cti.Sip.Parsing;
using Microsoft.Extensions.Logging;

namespace Cti.Sip.Transport;

/// <summary>
/// One TCP connection: a PipeReader over the NetworkStream framed by Content-Length, CRLF keep-alive handling,
/// and serialised writes (responses, requests and pongs may be written from different threads).
/// </summary>
internal sealed partial class SipTcpConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _closed = new();
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private Task _readLoop = Task.CompletedTask;
    private long _lastActivity;
    private int _disposed;

    public SipTcpConnection(Socket socket, TimeProvider timeProvider, ILogger logger)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        _timeProvider = timeProvider;
        _logger = logger;
        EndPoint = new SipEndPoint(SipTransportProtocol.Tcp, (IPEndPoint)socket.RemoteEndPoint!, (IPEndPoint)socket.LocalEndPoint!);
        Touch();
    }

    public SipEndPoint EndPoint { get; }

    public bool IsClosed => _closed.IsCancellationRequested;

    public TimeSpan IdleFor => _timeProvider.GetElapsedTime(Interlocked.Read(ref _lastActivity));

    /// <summary>Starts reading; <paramref name="onClosed"/> runs once when the reader stops.</summary>
    public void Start(ISipTransportSink sink, SipParserLimits limits, Action<SipTcpConnection> onClosed) =>
        _readLoop = Task.Run(async () =>
        {
            try
            {
                await ReadLoopAsync(sink, limits);
            }
            finally
            {
                onClosed(this);
                await CloseAsync(awaitReadLoop: false);
            }
        });

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(IsClosed, this);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            // Activity counts from when the write starts: the peer may already have the bytes (and act on them)
            // before this continuation runs.
            Touch();
            await _stream.WriteAsync(data, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public ValueTask DisposeAsync() => CloseAsync(awaitReadLoop: true);

    private async ValueTask CloseAsync(bool awaitReadLoop)
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _closed.CancelAsync();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        await _stream.DisposeAsync();
        if (awaitReadLoop && !_readLoop.IsCompleted)
        {
            try
            {
                await _readLoop.WaitAsync(TimeSpan.FromSeconds(5), _timeProvider);
            }
#pragma warning disable CA1031 // The loop ends with whatever the closed socket throws; nothing to report.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private void Touch() => Interlocked.Exchange(ref _lastActivity, _timeProvider.GetTimestamp());

    private async Task ReadLoopAsync(ISipTransportSink sink, SipParserLimits limits)
    {
        try
        {
            while (!IsClosed)
            {
                var result = await _reader.ReadAsync(_closed.Token);
                var buffer = result.Buffer;
                Touch();
                var close = false;
                while (!close)
                {
                    if (SipKeepAlive.TryConsume(ref buffer, out var ping))
                    {
                        if (ping)
                        {
                            await SendAsync(SipKeepAlive.Pong, _closed.Token);
                        }

                        continue;
                    }

                    var status = SipMessageParser.TryParseStream(ref buffer, limits, out var message, out var error);
                    if (status == SipParseStatus.Complete && message is not null)
                    {
                        try
                        {
                            sink.OnMessage(message, EndPoint);
                        }
#pragma warning disable CA1031 // A failing consumer must not take the connection down with it.
                        catch (Exception ex)
#pragma warning restore CA1031
                        {
                            Log.ProcessingFailed(_logger, EndPoint, ex);
                        }
                    }
                    else if (status == SipParseStatus.Error && error is not null)
                    {
                        // Framing is lost (e.g. a bad Content-Length): answer if possible, then close (RFC 3261 §18.3).
                        Log.FramingError(_logger, EndPoint, error.Reason);
                        await sink.OnParseErrorAsync(error, EndPoint);
                        close = true;
                    }
                    else
                    {
                        break;
                    }
                }

                if (close)
                {
                    return;
                }

                _reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Peer closed, idle timeout or shutdown.
        }
        finally
        {
            await _reader.CompleteAsync();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2330, Level = LogLevel.Information, Message = "Closing TCP connection from {Remote} after a framing error: {Reason}")]
        public static partial void FramingError(ILogger logger, SipEndPoint remote, SipParseErrorReason reason);

        [LoggerMessage(EventId = 2331, Level = LogLevel.Warning, Message = "Processing a message from {Remote} failed")]
        public static partial void ProcessingFailed(ILogger logger, SipEndPoint remote, Exception exception);
    }
}
