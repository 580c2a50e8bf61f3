using Microsoft.Extensions.Logging;

namespace Cti.Sip.Transactions;

/// <summary>
/// The single heartbeat behind every SIP timer (A–K): an ordered due-time queue and one
/// <see cref="ITimer"/> from the injected <see cref="TimeProvider"/>, re-armed for the earliest entry.
/// With FakeTimeProvider, Advance fires due callbacks in order, synchronously, so tests are deterministic.
/// Cancelled entries are dropped lazily when they come due (they live at most 64·T1).
/// </summary>
internal sealed partial class SipTimerWheel : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private readonly PriorityQueue<SipTimerHandle, (long Due, long Sequence)> _queue = new();
    private readonly Lock _gate = new();
    private long _sequence;
    private long _armedDue = long.MaxValue;
    private bool _disposed;

    public SipTimerWheel(TimeProvider timeProvider, ILogger logger)
    {
        _timeProvider = timeProvider;
        _logger = logger;
        _timer = timeProvider.CreateTimer(static s => ((SipTimerWheel)s!).OnTick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    public SipTimerHandle Schedule(TimeSpan delay, Action callback)
    {
        var handle = new SipTimerHandle(callback);
        var due = _timeProvider.GetUtcNow().UtcTicks + Math.Max(0, delay.Ticks);
        lock (_gate)
        {
            if (_disposed)
            {
                handle.Cancel();
                return handle;
            }

            _queue.Enqueue(handle, (due, _sequence++));
            if (due < _armedDue)
            {
                Arm(due);
            }
        }

        return handle;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _queue.Clear();
        }

        _timer.Dispose();
    }

    private void Arm(long due)
    {
        _armedDue = due;
        var delay = TimeSpan.FromTicks(Math.Max(0, due - _timeProvider.GetUtcNow().UtcTicks));
        _timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    private void OnTick()
    {
        while (true)
        {
            SipTimerHandle? next = null;
            lock (_gate)
            {
                _armedDue = long.MaxValue;
                if (_disposed)
                {
                    return;
                }

                var now = _timeProvider.GetUtcNow().UtcTicks;
                if (_queue.TryPeek(out var handle, out var priority))
                {
                    if (priority.Due <= now)
                    {
                        next = _queue.Dequeue();
                    }
                    else
                    {
                        Arm(priority.Due);
                    }
                }
            }

            if (next is null)
            {
                return;
            }

            if (next.IsCancelled)
            {
                continue;
            }

            try
            {
                next.Callback();
            }
#pragma warning disable CA1031 // One failing transaction must not stop the heartbeat for the others.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.TimerCallbackFailed(_logger, ex);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2300, Level = LogLevel.Error, Message = "SIP timer callback failed")]
        public static partial void TimerCallbackFailed(ILogger logger, Exception exception);
    }
}
