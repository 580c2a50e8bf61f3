using Cti.Sip.Messages;
using Cti.Sip.Transport;

namespace Cti.Sip.Transactions;

/// <summary>
/// INVITE and non-INVITE client transactions (RFC 3261 §17.1). The final response (or a synthetic 408 on
/// Timer B/F, 503 on a transport error) completes <see cref="FinalResponse"/>.
/// </summary>
internal sealed class SipClientTransaction
{
    private readonly SipTransactionLayer _layer;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<SipResponse> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SipTimerHandle? _retransmitTimer;
    private SipTimerHandle? _timeoutTimer;
    private SipTimerHandle? _completedTimer;
    private TimeSpan _retransmitInterval;
    private SipRequest? _ack;

    public SipClientTransaction(SipTransactionLayer layer, SipTransactionKey key, SipRequest request, SipEndPoint destination)
    {
        _layer = layer;
        Key = key;
        Request = request;
        Destination = destination;
        IsInvite = request.Method == SipMethods.Invite;
        State = IsInvite ? SipTransactionState.Calling : SipTransactionState.Trying;
    }

    public SipTransactionKey Key { get; }

    public SipRequest Request { get; }

    public SipEndPoint Destination { get; }

    public bool IsInvite { get; }

    public SipTransactionState State { get; private set; }

    public Task<SipResponse> FinalResponse => _final.Task;

    /// <summary>Called (outside the lock) with each provisional response; the B2BUA relays ringing with it.</summary>
    public Action<SipResponse>? OnProvisional { get; init; }

    public void Start()
    {
        lock (_gate)
        {
            if (!Destination.IsReliable)
            {
                _retransmitInterval = _layer.Timers.T1;
                _retransmitTimer = _layer.Wheel.Schedule(_retransmitInterval, OnRetransmitTimer); // Timer A / E
            }

            _timeoutTimer = _layer.Wheel.Schedule(_layer.Timers.T1 * 64, OnTimeout); // Timer B / F
        }

        _layer.Send(Request, Destination, this);
    }

    public void OnResponse(SipResponse response)
    {
        var status = response.StatusCode;
        SipRequest? sendAck = null;
        var provisional = false;
        lock (_gate)
        {
            switch (State)
            {
                case SipTransactionState.Calling or SipTransactionState.Trying or SipTransactionState.Proceeding:
                    if (status < 200)
                    {
                        if (IsInvite)
                        {
                            // No INVITE retransmissions after a provisional (§17.1.1.2); Timer B only applies in Calling.
                            _retransmitTimer?.Cancel();
                        }

                        State = SipTransactionState.Proceeding;
                        provisional = true;
                        break;
                    }

                    _retransmitTimer?.Cancel();
                    _timeoutTimer?.Cancel();
                    if (IsInvite && status < 300)
                    {
                        // The ACK for a 2xx is the TU's (dialog's) job, on a new branch.
                        TerminateLocked();
                    }
                    else if (IsInvite)
                    {
                        _ack = SipTransactionMessages.CreateAck(Request, response);
                        sendAck = _ack;
                        State = SipTransactionState.Completed;
                        EnterCompletedLocked(Destination.IsReliable ? TimeSpan.Zero : _layer.Timers.TimerD); // Timer D
                    }
                    else
                    {
                        State = SipTransactionState.Completed;
                        EnterCompletedLocked(Destination.IsReliable ? TimeSpan.Zero : _layer.Timers.T4); // Timer K
                    }

                    _final.TrySetResult(response);
                    break;

                case SipTransactionState.Completed when IsInvite && status >= 300:
                    sendAck = _ack; // Retransmitted final: re-send the ACK.
                    break;

                default:
                    return;
            }
        }

        if (sendAck is not null)
        {
            _layer.Send(sendAck, Destination, this);
        }
        else if (provisional)
        {
            OnProvisional?.Invoke(response);
        }
    }

    public void OnTransportError()
    {
        lock (_gate)
        {
            if (State == SipTransactionState.Terminated)
            {
                return;
            }

            // RFC 3261 §8.1.3.1: a transport failure is treated as a 503.
            _final.TrySetResult(SipResponseFactory.Create(Request, 503, "Service Unavailable"));
            TerminateLocked();
        }
    }

    /// <summary>The TU gave up (caller cancelled); ends the transaction without a response.</summary>
    public void Abandon(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _final.TrySetCanceled(cancellationToken);
            TerminateLocked();
        }
    }

    private void EnterCompletedLocked(TimeSpan wait)
    {
        if (wait <= TimeSpan.Zero)
        {
            TerminateLocked();
        }
        else
        {
            _completedTimer = _layer.Wheel.Schedule(wait, () =>
            {
                lock (_gate)
                {
                    TerminateLocked();
                }
            });
        }
    }

    private void OnRetransmitTimer()
    {
        lock (_gate)
        {
            if (State is not (SipTransactionState.Calling or SipTransactionState.Trying or SipTransactionState.Proceeding) ||
                (IsInvite && State == SipTransactionState.Proceeding))
            {
                return;
            }

            // INVITE (Timer A) doubles without cap; non-INVITE (Timer E) doubles up to T2, and is T2 in Proceeding.
            var doubled = _retransmitInterval.Ticks * 2;
            _retransmitInterval = IsInvite
                ? TimeSpan.FromTicks(doubled)
                : State == SipTransactionState.Proceeding ? _layer.Timers.T2 : TimeSpan.FromTicks(Math.Min(doubled, _layer.Timers.T2.Ticks));
            _retransmitTimer = _layer.Wheel.Schedule(_retransmitInterval, OnRetransmitTimer);
        }

        _layer.Send(Request, Destination, this);
    }

    private void OnTimeout()
    {
        lock (_gate)
        {
            if (State is not (SipTransactionState.Calling or SipTransactionState.Trying or SipTransactionState.Proceeding) ||
                (IsInvite && State == SipTransactionState.Proceeding))
            {
                return;
            }

            _final.TrySetResult(SipResponseFactory.Create(Request, 408, "Request Timeout"));
            TerminateLocked();
        }

        _layer.OnClientTimeout(this);
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
        _completedTimer?.Cancel();
        _layer.Remove(this);
    }
}
