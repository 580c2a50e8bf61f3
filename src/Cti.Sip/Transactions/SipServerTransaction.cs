using Cti.Sip.Messages;
using Cti.Sip.Transport;

namespace Cti.Sip.Transactions;

/// <summary>
/// INVITE and non-INVITE server transactions (RFC 3261 §17.2, with the RFC 6026 Accepted state so that 2xx
/// retransmission until ACK lives here rather than in every TU). State is guarded by a per-transaction lock;
/// sends happen after the lock is released.
/// </summary>
// The CancellationTokenSource has no timer, so leaving it to the GC releases nothing unmanaged.
#pragma warning disable CA1001
internal sealed class SipServerTransaction
#pragma warning restore CA1001
{
    private readonly SipTransactionLayer _layer;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _cancelled = new();
    private SipResponse? _lastResponse;
    private SipTimerHandle? _retransmitTimer;
    private SipTimerHandle? _timeoutTimer;
    private TimeSpan _retransmitInterval;

    public SipServerTransaction(SipTransactionLayer layer, SipTransactionKey key, SipRequest request, SipEndPoint source)
    {
        _layer = layer;
        Key = key;
        Request = request;
        Source = source;
        IsInvite = request.Method == SipMethods.Invite;
        State = IsInvite ? SipTransactionState.Proceeding : SipTransactionState.Trying;
    }

    public SipTransactionKey Key { get; }

    public SipRequest Request { get; }

    public SipEndPoint Source { get; }

    public bool IsInvite { get; }

    public SipTransactionState State { get; private set; }

    /// <summary>Cancelled when a CANCEL for this INVITE arrives or the transaction ends without a final response.</summary>
    public CancellationToken Cancelled => _cancelled.Token;

    /// <summary>Secondary key under which an accepted INVITE waits for the ACK of its 2xx.</summary>
    public SipTransactionKey? AckKey { get; private set; }

    public bool HasFinalResponse
    {
        get
        {
            lock (_gate)
            {
                return _lastResponse is { StatusCode: >= 200 };
            }
        }
    }

    /// <summary>INVITE answers 100 Trying at once (RFC 3261 §17.2.1) so the client stops retransmitting.</summary>
    public void Start()
    {
        if (IsInvite)
        {
            Respond(SipResponseFactory.Create(Request, 100, "Trying"));
        }
    }

    /// <summary>
    /// A copy of the request arrived again: the last response goes back the way this copy came (its own source and
    /// transport), not to where the first copy came from, whatever its Via says (RFC 3261 §18.2.2, RFC 4475 §3.3.2).
    /// </summary>
    public void OnRetransmission(SipEndPoint source)
    {
        SipResponse? resend;
        lock (_gate)
        {
            resend = State is SipTransactionState.Proceeding or SipTransactionState.Completed ? _lastResponse : null;
        }

        if (resend is not null)
        {
            _layer.Send(resend, source, this);
        }
    }

    /// <summary>ACK matched by branch: only meaningful for a non-2xx final (Completed → Confirmed).</summary>
    public void OnAck()
    {
        lock (_gate)
        {
            if (State != SipTransactionState.Completed)
            {
                return;
            }

            State = SipTransactionState.Confirmed;
            _retransmitTimer?.Cancel();
            _timeoutTimer?.Cancel();
            _timeoutTimer = ScheduleOrTerminate(Source.IsReliable ? TimeSpan.Zero : _layer.Timers.T4); // Timer I
        }
    }

    /// <summary>ACK for our 2xx (new branch, matched by dialog identifiers): stop retransmitting and end.</summary>
    public void OnAckFor2xx()
    {
        lock (_gate)
        {
            if (State != SipTransactionState.Accepted)
            {
                return;
            }

            TerminateLocked();
        }
    }

    public void Cancel() => _ = _cancelled.CancelAsync();

    /// <summary>Sends a response from the TU. Returns false when the transaction already sent its final response.</summary>
    public bool Respond(SipResponse response)
    {
        lock (_gate)
        {
            if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
            {
                return false;
            }

            _lastResponse = response;
            var status = response.StatusCode;
            if (status < 200)
            {
                State = SipTransactionState.Proceeding;
            }
            else if (IsInvite && status < 300)
            {
                // RFC 6026 Accepted: retransmit the 2xx (T1 doubling, capped at T2) until ACK or 64·T1 (Timer L).
                // This is end to end (RFC 3261 §13.3.1.4), so it happens on reliable transports too: a proxy
                // further along may forward over UDP.
                State = SipTransactionState.Accepted;
                AckKey = _layer.RegisterAwaitingAck(this, response);
                _retransmitInterval = _layer.Timers.T1;
                _retransmitTimer = _layer.Wheel.Schedule(_retransmitInterval, OnRetransmitTimer);

                _timeoutTimer = _layer.Wheel.Schedule(_layer.Timers.T1 * 64, OnTimeout);
            }
            else if (IsInvite)
            {
                State = SipTransactionState.Completed;
                if (!Source.IsReliable)
                {
                    _retransmitInterval = _layer.Timers.T1;
                    _retransmitTimer = _layer.Wheel.Schedule(_retransmitInterval, OnRetransmitTimer); // Timer G
                }

                _timeoutTimer = _layer.Wheel.Schedule(_layer.Timers.T1 * 64, OnTimeout); // Timer H
            }
            else
            {
                State = SipTransactionState.Completed;
                _timeoutTimer = ScheduleOrTerminate(Source.IsReliable ? TimeSpan.Zero : _layer.Timers.T1 * 64); // Timer J
            }
        }

        _layer.Send(response, Source, this);
        return true;
    }

    public void OnTransportError()
    {
        lock (_gate)
        {
            TerminateLocked();
        }
    }

    private SipTimerHandle? ScheduleOrTerminate(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            TerminateLocked();
            return null;
        }

        return _layer.Wheel.Schedule(delay, OnTimeout);
    }

    private void OnRetransmitTimer()
    {
        SipResponse? resend;
        lock (_gate)
        {
            if (State is not (SipTransactionState.Completed or SipTransactionState.Accepted) || _lastResponse is null)
            {
                return;
            }

            resend = _lastResponse;
            _retransmitInterval = TimeSpan.FromTicks(Math.Min(_retransmitInterval.Ticks * 2, _layer.Timers.T2.Ticks));
            _retransmitTimer = _layer.Wheel.Schedule(_retransmitInterval, OnRetransmitTimer);
        }

        _layer.Send(resend, Source, this);
    }

    // Timer H (no ACK for a non-2xx), L (no ACK for a 2xx), I and J (absorption windows over) all end the transaction.
    private void OnTimeout()
    {
        bool ackTimedOut;
        lock (_gate)
        {
            if (State == SipTransactionState.Terminated)
            {
                return;
            }

            ackTimedOut = State is SipTransactionState.Completed or SipTransactionState.Accepted && IsInvite;
            TerminateLocked();
        }

        if (ackTimedOut)
        {
            _layer.OnAckTimeout(this);
        }
    }

    private void TerminateLocked()
    {
        if (State == SipTransactionState.Terminated)
        {
            return;
        }

        State = SipTransactionState.Terminated;
        _retransmitTimer?.Cancel();
        _timeoutTimer?.Cancel();
        if (_lastResponse is not { StatusCode: >= 200 })
        {
            // Callbacks run on the thread pool, never under this transaction's lock.
            _ = _cancelled.CancelAsync();
        }

        _layer.Remove(this);
    }
}
