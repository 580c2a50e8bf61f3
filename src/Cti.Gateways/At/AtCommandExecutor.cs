using System.Text;
using Cti.Gateways.Hosting;
using Cti.Gateways.Lines;
using Microsoft.Extensions.Logging;

namespace Cti.Gateways.At;

/// <summary>
/// The command/response engine of one open port: one command in flight at a time, its information lines and final
/// result code collected from the reader thread; everything else (RING, +CLIP, +CREG, NO CARRIER outside a dial ...)
/// goes to the unsolicited handler, even when it arrives between a command and its answer.
/// </summary>
internal sealed partial class AtCommandExecutor : IDisposable
{
    private readonly SerialLinePort _port;
    private readonly Action<AtLine> _onUnsolicited;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly AtLineReader _reader = new();
    private readonly SemaphoreSlim _oneInFlight = new(1, 1);
    private readonly TaskCompletionSource<Exception> _faulted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _pendingGate = new();
    private PendingCommand? _pending;
    private int _consecutiveTimeouts;

    public AtCommandExecutor(SerialLinePort port, Action<AtLine> onUnsolicited, TimeProvider timeProvider, ILogger logger)
    {
        _port = port;
        _onUnsolicited = onUnsolicited;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Starts reading; separate from construction so the unsolicited handler can refer to this executor.</summary>
    public void Start() => _port.Start(OnBytes, OnPortError);

    /// <summary>Completes with the error once the port has failed; the executor is then useless.</summary>
    public Task<Exception> Faulted => _faulted.Task;

    public int ConsecutiveTimeouts => Volatile.Read(ref _consecutiveTimeouts);

    public async Task<AtResponse> ExecuteAsync(AtCommand command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (_faulted.Task.IsCompleted)
        {
            return AtResponse.Failed(AtResponseStatus.PortFailed);
        }

        // The wait for the previous command is bounded by that command's own timeout.
        try
        {
            await _oneInFlight.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return AtResponse.Failed(AtResponseStatus.Cancelled);
        }

        var pending = new PendingCommand(command);
        try
        {
            lock (_pendingGate)
            {
                _pending = pending;
            }

            using var timeoutSource = new CancellationTokenSource(timeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutSource.Token, cancellationToken);
            try
            {
                Log.Sending(_logger, command.LogText);
                await _port.WriteAsync(Encoding.ASCII.GetBytes(command.Text + "\r"), linked.Token);
            }
            catch (OperationCanceledException)
            {
                // A write that cannot leave (flow control held, device gone) is a timeout like any other.
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException or UnauthorizedAccessException)
            {
                OnPortError(ex);
                return AtResponse.Failed(AtResponseStatus.PortFailed);
            }

            using var registration = linked.Token.Register(() => pending.TrySetStatus(
                cancellationToken.IsCancellationRequested ? AtResponseStatus.Cancelled : AtResponseStatus.TimedOut));
            var faultedOrDone = await Task.WhenAny(pending.Task, _faulted.Task);
            var response = faultedOrDone == pending.Task ? await pending.Task : AtResponse.Failed(AtResponseStatus.PortFailed);
            if (response.Status == AtResponseStatus.TimedOut)
            {
                Interlocked.Increment(ref _consecutiveTimeouts);
                Log.TimedOut(_logger, command.LogText, timeout.TotalMilliseconds);
            }
            else if (response.Status == AtResponseStatus.Completed)
            {
                Volatile.Write(ref _consecutiveTimeouts, 0);
            }

            return response;
        }
        finally
        {
            lock (_pendingGate)
            {
                if (ReferenceEquals(_pending, pending))
                {
                    _pending = null;
                }
            }

            _oneInFlight.Release();
        }
    }

    public void Dispose()
    {
        _port.Dispose();
        _faulted.TrySetResult(new ObjectDisposedException(nameof(AtCommandExecutor)));

        // _oneInFlight is left undisposed on purpose: late callers must still be able to wait on and release it.
    }

    private void OnBytes(ReadOnlySpan<byte> bytes) => _reader.Feed(bytes, OnLine);

    private void OnPortError(Exception error)
    {
        if (_faulted.TrySetResult(error))
        {
            Log.PortFailed(_logger, _port.PortName, error.Message);
        }
    }

    private void OnLine(string text)
    {
        var line = AtLineClassifier.Classify(text);
        PendingCommand? pending;
        lock (_pendingGate)
        {
            pending = _pending;
        }

        if (pending is not null && !line.IsAlwaysUnsolicited && pending.TryAccept(line))
        {
            return;
        }

        if (line.Kind == AtLineKind.Information)
        {
            Log.Ignored(_logger, line.Text.Length);
            return;
        }

        _onUnsolicited(line);
    }

    private sealed class PendingCommand(AtCommand command)
    {
        private readonly TaskCompletionSource<AtResponse> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<AtLine> _lines = [];

        public Task<AtResponse> Task => _completion.Task;

        /// <summary>Called on the reader thread only.</summary>
        public bool TryAccept(AtLine line)
        {
            if (line.Text.Equals(command.Text, StringComparison.OrdinalIgnoreCase))
            {
                return true; // Echo (before ATE0 takes effect).
            }

            if (line.IsAlwaysFinal || (line.IsCallProgress && command.IsCallControl))
            {
                _completion.TrySetResult(new AtResponse(AtResponseStatus.Completed, line, [.. _lines]));
                return true;
            }

            if (line.Kind == AtLineKind.Information
                || (command.ResponsePrefix is { } prefix && line.Text.StartsWith(prefix + ":", StringComparison.Ordinal)))
            {
                _lines.Add(line);
                return true;
            }

            return false;
        }

        public void TrySetStatus(AtResponseStatus status) => _completion.TrySetResult(AtResponse.Failed(status));
    }
}
