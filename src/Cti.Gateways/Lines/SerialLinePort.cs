using System.IO.Ports;
using Cti.Gateways.Hosting;

namespace Cti.Gateways.Lines;

/// <summary>
/// An open serial port with its own reader thread, so a blocked or slow device never holds a thread-pool thread.
/// The reader reports bytes and, once, the error that ended it (a vanished USB device, a closed pty).
/// </summary>
internal sealed class SerialLinePort : IDisposable
{
    private const int ReadPollMilliseconds = 250;
    private readonly SerialPort _port;
    private Thread? _reader;
    private volatile bool _closing;

    private SerialLinePort(SerialPort port) => _port = port;

    public string PortName => _port.PortName;

    public static SerialLinePort Open(GatewayLineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var port = new SerialPort(options.PortName, options.BaudRate, options.Parity, options.DataBits, options.StopBits)
        {
            Handshake = options.Handshake,
            ReadTimeout = ReadPollMilliseconds,
            WriteTimeout = (int)Math.Clamp(options.CommandTimeout.TotalMilliseconds, 100, int.MaxValue),
            ReadBufferSize = 4096,
        };
        try
        {
            port.Open();
            port.DiscardInBuffer();
            return new SerialLinePort(port);
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }

    /// <summary>True while the device node exists; a vanished USB adapter or pty removes it.</summary>
    public static bool DeviceExists(string portName) => OperatingSystem.IsWindows()
        ? SerialPort.GetPortNames().Contains(portName, StringComparer.OrdinalIgnoreCase)
        : File.Exists(portName);

    public void Start(Action<ReadOnlySpan<byte>> onBytes, Action<Exception> onError)
    {
        _reader = new Thread(() => ReadLoop(onBytes, onError))
        {
            IsBackground = true,
            Name = "gateway " + _port.PortName,
        };
        _reader.Start();
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closing, this);

        // The serial stream does not always honour cancellation once its device is gone (a pty whose other end
        // closed), so the wait itself is bounded: the caller's timeout ends it either way.
        await _port.BaseStream.WriteAsync(bytes, cancellationToken).AsTask().WaitAsync(cancellationToken);
        await _port.BaseStream.FlushAsync(cancellationToken).WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        _closing = true;

        // Closing waits for the stream's pending I/O, and a write stuck on a device that vanished (a pty whose other
        // end closed, an unplugged USB modem) may never finish: the close is bounded so that stopping a line cannot
        // hang the service; a close still stuck after that is left to finish when the driver lets go.
        var close = Task.Run(Close);
        _ = close.Wait(CloseTimeout);
    }

    /// <summary>How long <see cref="Dispose"/> waits for the port to close.</summary>
    internal static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    private void Close()
    {
        try
        {
            _port.Close();
        }
        catch (IOException)
        {
            // A vanished device cannot be closed cleanly; the handle is released anyway.
        }

        _port.Dispose();
    }

    private void ReadLoop(Action<ReadOnlySpan<byte>> onBytes, Action<Exception> onError)
    {
        var buffer = new byte[512];
        while (!_closing)
        {
            int read;
            try
            {
                read = _port.BaseStream.Read(buffer, 0, buffer.Length);
            }
            catch (TimeoutException)
            {
                continue;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException or UnauthorizedAccessException)
            {
                if (!_closing)
                {
                    onError(ex);
                }

                return;
            }

            if (read > 0)
            {
                onBytes(buffer.AsSpan(0, read));
            }
        }
    }
}
