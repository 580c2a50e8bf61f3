using System.Collections.Concurrent;
using Cti.Sip.Messages;
using Cti.Sip.Stack;
using Cti.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Cti.Sip.Transactions;

/// <summary>
/// The transaction tables and matching rules (RFC 3261 §17.1.3, §17.2.3, §9.2). Tables are ConcurrentDictionary
/// because receive loops (one per socket/connection), the timer heartbeat and TU responses all reach them
/// from different threads; each transaction guards its own state with a short lock, so unrelated transactions never
/// wait on one another and no extra hop through a queue is added to every message.
/// </summary>
internal sealed partial class SipTransactionLayer
{
    private readonly ConcurrentDictionary<SipTransactionKey, SipServerTransaction> _server = new();
    private readonly ConcurrentDictionary<SipTransactionKey, SipClientTransaction> _client = new();
    private readonly ConcurrentDictionary<SipTransactionKey, SipServerTransaction> _awaitingAck = new();
    private int _count;
    private readonly ISipTransport _transport;
    private readonly ISipStackObserver _observer;
    private readonly ILogger _logger;

    public SipTransactionLayer(ISipTransport transport, SipTimerWheel wheel, SipTimerOptions timers, ISipStackObserver observer, ILogger logger)
    {
        var errors = timers.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid SIP timer options: " + string.Join(" ", errors), nameof(timers));
        }

        _transport = transport;
        Timers = timers;
        _observer = observer;
        _logger = logger;
        Wheel = wheel;
    }

    public SipTimerOptions Timers { get; }

    public SipTimerWheel Wheel { get; }

    /// <summary>Server and client transactions alive.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Matches a received request to a server transaction, or creates one.</summary>
    public SipServerRequestDisposition OnRequest(SipRequest request, SipEndPoint source, out SipServerTransaction? transaction)
    {
        var method = request.Method;
        if (method == SipMethods.Ack)
        {
            transaction = null;
            if (_server.TryGetValue(ServerKey(request, SipMethods.Invite), out var invite))
            {
                invite.OnAck();
                return SipServerRequestDisposition.AckAbsorbed;
            }

            if (_awaitingAck.TryGetValue(AckKeyFor(request), out var accepted))
            {
                accepted.OnAckFor2xx();
                return SipServerRequestDisposition.AckFor2xx;
            }

            return SipServerRequestDisposition.StrayAck;
        }

        var key = ServerKey(request, method);
        if (_server.TryGetValue(key, out var existing))
        {
            transaction = existing;
            existing.OnRetransmission(source);
            return SipServerRequestDisposition.Retransmission;
        }

        var created = new SipServerTransaction(this, key, request, source);
        if (!_server.TryAdd(key, created))
        {
            // Two copies raced in on different threads: the loser is a retransmission.
            transaction = _server.GetValueOrDefault(key);
            transaction?.OnRetransmission(source);
            return SipServerRequestDisposition.Retransmission;
        }

        transaction = created;
        CountChanged(+1);
        created.Start();
        if (method == SipMethods.Cancel)
        {
            HandleCancel(created);
            return SipServerRequestDisposition.CancelHandled;
        }

        return SipServerRequestDisposition.NewTransaction;
    }

    /// <summary>Routes a response to its client transaction; false for strays (the caller drops them).</summary>
    public bool OnResponse(SipResponse response)
    {
        var via = SipTransactionMessages.TopVia(response);
        var cseq = SipTransactionMessages.CSeq(response);
        if (via?.Branch is not { } branch || cseq is null)
        {
            return false;
        }

        if (!_client.TryGetValue(new SipTransactionKey(branch, cseq.Method, ""), out var transaction))
        {
            return false;
        }

        transaction.OnResponse(response);
        return true;
    }

    /// <summary>Starts a client transaction; the request must already carry our Via with a fresh branch.</summary>
    public SipClientTransaction StartClient(SipRequest request, SipEndPoint destination, Action<SipResponse>? onProvisional = null)
    {
        var branch = SipTransactionMessages.TopVia(request)?.Branch ?? throw new ArgumentException("The request has no Via branch.", nameof(request));
        var key = new SipTransactionKey(branch, request.Method, "");
        var transaction = new SipClientTransaction(this, key, request, destination) { OnProvisional = onProvisional };
        if (!_client.TryAdd(key, transaction))
        {
            throw new InvalidOperationException("A client transaction with this branch already exists.");
        }

        CountChanged(+1);
        transaction.Start();
        return transaction;
    }

    /// <summary>Completes every pending client transaction with 503 (the stack is shutting down).</summary>
    public void AbortClientTransactions()
    {
        foreach (var transaction in _client.Values)
        {
            transaction.OnTransportError();
        }
    }

    internal SipTransactionKey? RegisterAwaitingAck(SipServerTransaction transaction, SipResponse response)
    {
        var key = AckKeyFor(transaction.Request, SipTransactionMessages.ToTag(response));
        _awaitingAck[key] = transaction;
        return key;
    }

    internal void Remove(SipServerTransaction transaction)
    {
        if (transaction.AckKey is { } ackKey)
        {
            _awaitingAck.TryRemove(new KeyValuePair<SipTransactionKey, SipServerTransaction>(ackKey, transaction));
        }

        if (_server.TryRemove(new KeyValuePair<SipTransactionKey, SipServerTransaction>(transaction.Key, transaction)))
        {
            CountChanged(-1);
        }
    }

    internal void Remove(SipClientTransaction transaction)
    {
        if (_client.TryRemove(new KeyValuePair<SipTransactionKey, SipClientTransaction>(transaction.Key, transaction)))
        {
            CountChanged(-1);
        }
    }

    internal void OnAckTimeout(SipServerTransaction transaction) =>
        Log.AckTimeout(_logger, transaction.Request.Method, transaction.Source);

    internal void OnClientTimeout(SipClientTransaction transaction) =>
        Log.ClientTimeout(_logger, transaction.Request.Method, transaction.Destination);

    /// <summary>Fire-and-forget send; a transport failure ends the transaction that sent it.</summary>
    internal void Send(SipMessage message, SipEndPoint destination, object owner)
    {
        ValueTask pending;
        try
        {
            pending = _transport.SendAsync(message, destination, CancellationToken.None);
        }
#pragma warning disable CA1031 // Transport failures become transaction events (§17.1.4/§17.2.4), never exceptions to the heartbeat.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            OnSendFailed(ex, destination, owner);
            return;
        }

        if (!pending.IsCompletedSuccessfully)
        {
            _ = AwaitSendAsync(pending, destination, owner);
        }
    }

    private async Task AwaitSendAsync(ValueTask pending, SipEndPoint destination, object owner)
    {
        try
        {
            await pending;
        }
#pragma warning disable CA1031 // See Send.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            OnSendFailed(ex, destination, owner);
        }
    }

    private void OnSendFailed(Exception ex, SipEndPoint destination, object owner)
    {
        Log.SendFailed(_logger, destination, ex);
        switch (owner)
        {
            case SipServerTransaction server:
                server.OnTransportError();
                break;
            case SipClientTransaction client:
                client.OnTransportError();
                break;
        }
    }

    private void HandleCancel(SipServerTransaction cancel)
    {
        // The CANCEL carries the INVITE's branch (§9.1), so the INVITE is found under the same key with method INVITE.
        if (_server.TryGetValue(ServerKey(cancel.Request, SipMethods.Invite), out var invite) && invite.State != SipTransactionState.Terminated)
        {
            cancel.Respond(SipResponseFactory.Create(cancel.Request, 200, "OK"));
            invite.Cancel();
            if (!invite.HasFinalResponse)
            {
                invite.Respond(SipResponseFactory.Create(invite.Request, 487, "Request Terminated", SipTransactionMessages.NewTag()));
            }

            return;
        }

        cancel.Respond(SipResponseFactory.Create(cancel.Request, 481, "Call/Transaction Does Not Exist"));
    }

    private void CountChanged(int delta) => _observer.OnTransactionCountChanged(Interlocked.Add(ref _count, delta));

    private static SipTransactionKey ServerKey(SipRequest request, string method)
    {
        var via = SipTransactionMessages.TopVia(request);
        var sentBy = via is null ? "" : via.Host + ":" + (via.Port?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        if (via is { HasMagicCookie: true, Branch: { } branch })
        {
            return new SipTransactionKey(branch, method, sentBy);
        }

        // RFC 2543 peer (§17.2.3): the To tag is left out so the ACK (which carries our tag) finds its INVITE.
        var cseq = SipTransactionMessages.CSeq(request);
        var legacy = string.Join(
            '|',
            "2543",
            request.RequestUri.ToString(),
            SipTransactionMessages.FromTag(request),
            SipTransactionMessages.CallId(request),
            cseq?.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            via?.Branch);
        return new SipTransactionKey(legacy, method, sentBy);
    }

    private static SipTransactionKey AckKeyFor(SipRequest request, string? toTag = null) =>
        new(
            string.Join('|', SipTransactionMessages.CallId(request), SipTransactionMessages.CSeq(request)?.Number, SipTransactionMessages.FromTag(request), toTag ?? SipTransactionMessages.ToTag(request)),
            SipMethods.Ack,
            "");

    private static partial class Log
    {
        [LoggerMessage(EventId = 2310, Level = LogLevel.Warning, Message = "SIP send to {Destination} failed")]
        public static partial void SendFailed(ILogger logger, SipEndPoint destination, Exception exception);

        [LoggerMessage(EventId = 2311, Level = LogLevel.Information, Message = "No ACK for the final response to {Method} from {Source}")]
        public static partial void AckTimeout(ILogger logger, string method, SipEndPoint source);

        [LoggerMessage(EventId = 2312, Level = LogLevel.Information, Message = "{Method} to {Destination} timed out")]
        public static partial void ClientTimeout(ILogger logger, string method, SipEndPoint destination);
    }
}
