using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Cti.Sip.Messages;
using Cti.Sip.Parsing;
using Cti.Sip.Transactions;
using Cti.Sip.Transport;
using Cti.Sip.Validation;
using Microsoft.Extensions.Logging;

namespace Cti.Sip.Stack;

/// <summary>
/// Transports + parser + validator + transaction layer behind one object. Requests reach the
/// <see cref="ISipRequestHandler"/> once per transaction; <see cref="SendRequestAsync"/> runs client transactions.
/// The handler may be given when the stack starts (as Kestrel's server receives its application), so that what
/// handles requests can itself depend on the stack for sending.
/// </summary>
public sealed partial class SipStack : IAsyncDisposable
{
    private readonly SipStackOptions _options;
    private ISipRequestHandler? _handler;
    private readonly ISipStackObserver _observer;
    private readonly ILogger _logger;
    private readonly SipTimerWheel _wheel;
    private readonly SipTransportLayer _transport;
    private readonly SipTransactionLayer _transactions;
    private readonly CancellationTokenSource _stopping = new();
    private int _started;
    private int _disposed;

    public SipStack(SipStackOptions options, ISipRequestHandler handler, TimeProvider timeProvider, ILogger<SipStack> logger, ISipStackObserver? observer = null)
        : this(options, timeProvider, logger, observer)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handler = handler;
    }

    /// <summary>A stack whose request handler is given to <see cref="StartAsync(IEnumerable{SipListenEndPoint}, ISipRequestHandler, CancellationToken)"/>.</summary>
    public SipStack(SipStackOptions options, TimeProvider timeProvider, ILogger<SipStack> logger, ISipStackObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid SIP stack options: " + string.Join(" ", errors), nameof(options));
        }

        _options = options;
        _observer = observer ?? SipStackObserver.None;
        _logger = logger;
        _wheel = new SipTimerWheel(timeProvider, logger);
        var sink = new Sink(this);
        _transport = new SipTransportLayer(sink, options.Transport, _wheel, timeProvider, _observer, logger);
        _transactions = new SipTransactionLayer(_transport, _wheel, options.Timers, _observer, logger);
    }

    /// <summary>Live client and server transactions.</summary>
    public int ActiveTransactions => _transactions.Count;

    /// <summary>Open TCP connections (accepted and opened).</summary>
    public int TcpConnections => _transport.TcpConnectionCount;

    /// <summary>The endpoints bound by <see cref="StartAsync"/>, with the ports actually assigned.</summary>
    public IReadOnlyList<SipListenEndPoint> BoundEndPoints => _transport.BoundEndPoints;

    /// <summary>Binds every endpoint and hands every request to <paramref name="handler"/> from now on.</summary>
    public Task StartAsync(IEnumerable<SipListenEndPoint> endPoints, ISipRequestHandler handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (Interlocked.CompareExchange(ref _handler, handler, null) is { } existing && !ReferenceEquals(existing, handler))
        {
            throw new InvalidOperationException("The SIP stack already has a request handler.");
        }

        return StartAsync(endPoints, cancellationToken);
    }

    /// <summary>Binds every endpoint and starts receiving. Throws (and binds nothing further) when a bind fails.</summary>
    public Task StartAsync(IEnumerable<SipListenEndPoint> endPoints, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endPoints);
        if (Volatile.Read(ref _handler) is null)
        {
            throw new InvalidOperationException("The SIP stack has no request handler: pass one to StartAsync.");
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("The SIP stack is already started.");
        }

        foreach (var endPoint in endPoints)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _transport.Listen(endPoint);
        }

        if (_transport.BoundEndPoints.Count == 0)
        {
            throw new ArgumentException("At least one listen endpoint is required.", nameof(endPoints));
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Sends a request in a client transaction and returns its final response: the peer's, or a synthetic 408
    /// (Timer B/F) or 503 (transport error). Our Via (fresh z9hG4bK branch, rport) is put on top; Max-Forwards 70
    /// is added when missing. Provisional responses are absorbed. A CANCEL that already carries the INVITE's Via is sent
    /// with it unchanged.
    /// </summary>
    public Task<SipResponse> SendRequestAsync(SipRequest request, SipEndPoint destination, CancellationToken cancellationToken = default) =>
        SendRequestAsync(request, destination, null, cancellationToken);

    /// <summary>
    /// As <see cref="SendRequestAsync(SipRequest, SipEndPoint, CancellationToken)"/>, and hands every provisional
    /// response to <paramref name="onProvisional"/> (on the receive path: do not block in it). When
    /// <see cref="SipEndPoint.Local"/> names one of our listeners, the request leaves from it and our Via names it.
    /// </summary>
    public async Task<SipResponse> SendRequestAsync(SipRequest request, SipEndPoint destination, Action<SipResponse>? onProvisional, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(destination);
        if (request.Method == SipMethods.Ack)
        {
            throw new ArgumentException("ACK is not sent in a transaction.", nameof(request));
        }

        // A CANCEL must carry the INVITE's top Via (same branch, RFC 3261 §9.1); the caller copies it in.
        if (request.Method != SipMethods.Cancel || request.TopVia is not { HasMagicCookie: true })
        {
            PushOurVia(request, destination);
        }

        var transaction = _transactions.StartClient(request, destination, onProvisional);
        using var registration = cancellationToken.Register(static s =>
        {
            var (t, token) = ((SipClientTransaction, CancellationToken))s!;
            t.Abandon(token);
        }, (transaction, cancellationToken));
        return await transaction.FinalResponse;
    }

    /// <summary>
    /// Sends an ACK for a 2xx (RFC 3261 §13.2.2.4): outside any transaction, on a new branch, never retransmitted
    /// by the stack. ACKs for non-2xx finals are generated by the client transaction itself.
    /// </summary>
    public async ValueTask SendAckAsync(SipRequest ack, SipEndPoint destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ack);
        ArgumentNullException.ThrowIfNull(destination);
        if (ack.Method != SipMethods.Ack)
        {
            throw new ArgumentException("Only ACK is sent outside a transaction.", nameof(ack));
        }

        PushOurVia(ack, destination);
        await _transport.SendAsync(ack, destination, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        _transactions.AbortClientTransactions();
        await _transport.DisposeAsync();
        _wheel.Dispose();
        _stopping.Dispose();
    }

    private void PushOurVia(SipRequest request, SipEndPoint destination)
    {
        var (host, port) = SentBy(destination);
        var via = new SipVia(destination.ViaTransport, host, port, SipTransactionMessages.NewBranch());
        via.Parameters.Add("rport", null);
        SipTransactionMessages.PushVia(request, via);
        if (!request.Headers.Contains(SipHeaderNames.MaxForwards))
        {
            request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        }
    }

    private (string Host, int Port) SentBy(SipEndPoint destination)
    {
        var bound = _transport.BoundEndPoints.FirstOrDefault(b => destination.Local is { } local && b.Transport == destination.Transport && b.Port == local.Port && (b.Address.Equals(local.Address) || b.Address.Equals(IPAddress.Any) || b.Address.Equals(IPAddress.IPv6Any)))
                    ?? _transport.BoundEndPoints.FirstOrDefault(b => b.Transport == destination.Transport && b.Address.AddressFamily == destination.Remote.AddressFamily)
                    ?? _transport.BoundEndPoints.FirstOrDefault(b => b.Address.AddressFamily == destination.Remote.AddressFamily)
                    ?? throw new InvalidOperationException("The SIP stack is not listening on an address family that reaches " + destination.Remote);
        if (_options.ViaHost is { } configured)
        {
            return (configured, bound.Port);
        }

        if (!bound.Address.Equals(IPAddress.Any) && !bound.Address.Equals(IPAddress.IPv6Any))
        {
            return (FormatHost(bound.Address), bound.Port);
        }

        // Wildcard listener: ask the routing table which local address reaches the destination (no packet is sent).
        using var probe = new Socket(destination.Remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        probe.Connect(destination.Remote);
        return (FormatHost(((IPEndPoint)probe.LocalEndPoint!).Address), bound.Port);
    }

    private static string FormatHost(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + address + "]" : SipAddressRules.ToViaText(address);

    private void OnMessage(SipMessage message, SipEndPoint source)
    {
        if (message is SipResponse response)
        {
            if (!_transactions.OnResponse(response))
            {
                if (response.StatusCode is >= 200 and < 300 && response.CSeq?.Method == SipMethods.Invite)
                {
                    // A retransmitted 2xx to INVITE outlives its transaction (§13.2.2.4): the dialog re-sends its ACK.
                    _ = DeliverStrayAsync(response, source);
                }
                else
                {
                    Log.StrayResponse(_logger, response.StatusCode, source);
                }
            }

            return;
        }

        var request = (SipRequest)message;
        _observer.OnRequestReceived(MetricMethod(request.Method));
        StampVia(request, source);
        var disposition = _transactions.OnRequest(request, source, out var transaction);
        switch (disposition)
        {
            case SipServerRequestDisposition.NewTransaction when transaction is not null:
                var failure = SipRequestValidator.Validate(request, _options.Validation);
                if (failure is not null)
                {
                    Log.RequestRejected(_logger, request.Method, failure.StatusCode, source);
                    transaction.Respond(failure.CreateResponse(request, SipTransactionMessages.NewTag()));
                    return;
                }

                Dispatch(new SipServerContext(request, source, transaction));
                break;

            case SipServerRequestDisposition.AckFor2xx:
                _ = DeliverAckAsync(request, source);
                break;

            case SipServerRequestDisposition.StrayAck:
                Log.StrayAck(_logger, source);
                break;
        }
    }

    private async ValueTask OnParseErrorAsync(SipParseError error, SipEndPoint source)
    {
        _observer.OnParseError(error.Reason.ToString());
        Log.ParseError(_logger, error.Reason, source);
        var response = error.CreateErrorResponse(SipTransactionMessages.NewTag());
        if (response is null)
        {
            return;
        }

        try
        {
            await _transport.SendAsync(response, source, _stopping.Token);
        }
#pragma warning disable CA1031 // A stateless error answer that cannot be delivered is only worth a log line.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.StatelessSendFailed(_logger, source, ex);
        }
    }

    private void Dispatch(SipServerContext context)
    {
        ValueTask pending;
        try
        {
            pending = _handler!.OnRequestAsync(context, _stopping.Token);
        }
#pragma warning disable CA1031 // A failing handler gets a 500, never a dead receive loop.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            OnHandlerFinished(context, ex);
            return;
        }

        if (pending.IsCompletedSuccessfully)
        {
            OnHandlerFinished(context, null);
        }
        else
        {
            _ = AwaitHandlerAsync(context, pending);
        }
    }

    private async Task AwaitHandlerAsync(SipServerContext context, ValueTask pending)
    {
        Exception? failure = null;
        try
        {
            await pending;
        }
#pragma warning disable CA1031 // See Dispatch.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            failure = ex;
        }

        OnHandlerFinished(context, failure);
    }

    private void OnHandlerFinished(SipServerContext context, Exception? failure)
    {
        if (failure is not null and not OperationCanceledException)
        {
            Log.HandlerFailed(_logger, context.Request.Method, failure);
        }

        if (context.HasFinalResponse || (failure is null && context.Request.Method == SipMethods.Invite))
        {
            return;
        }

        if (failure is null)
        {
            Log.HandlerLeftUnanswered(_logger, context.Request.Method);
        }

        context.Respond(context.CreateResponse(500, "Server Internal Error"));
    }

    private async Task DeliverStrayAsync(SipResponse response, SipEndPoint source)
    {
        try
        {
            await _handler!.OnInvite2xxRetransmissionAsync(response, source, _stopping.Token);
        }
#pragma warning disable CA1031 // See Dispatch.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.HandlerFailed(_logger, response.CSeq?.Method ?? "INVITE", ex);
        }
    }

    private async Task DeliverAckAsync(SipRequest ack, SipEndPoint source)
    {
        try
        {
            await _handler!.OnAckAsync(ack, source, _stopping.Token);
        }
#pragma warning disable CA1031 // See Dispatch.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.HandlerFailed(_logger, ack.Method, ex);
        }
    }

    /// <summary>
    /// RFC 3261 §18.2.1 / RFC 3581: add received= when the source address differs from sent-by (always when rport is
    /// present) and fill an empty rport with the source port, so responses find their way back through NAT.
    /// </summary>
    private static void StampVia(SipRequest request, SipEndPoint source)
    {
        if (request.TopVia is not { } via)
        {
            return;
        }

        var sourceAddress = SipAddressRules.ToViaText(source.Remote.Address);
        var sentByHost = via.Host.Trim('[', ']');
        var needsReceived = via.HasRPort || !string.Equals(sentByHost, sourceAddress, StringComparison.OrdinalIgnoreCase);
        var needsRPort = via.HasRPort && via.RPort is null;
        if (!needsReceived && !needsRPort)
        {
            return;
        }

        var top = via.Clone();
        if (needsReceived)
        {
            top.Parameters.Set("received", sourceAddress);
        }

        if (needsRPort)
        {
            top.Parameters.Set("rport", source.Remote.Port.ToString(CultureInfo.InvariantCulture));
        }

        SipTransactionMessages.ReplaceTopVia(request, top);
    }

    private static string MetricMethod(string method)
    {
        foreach (var known in SipMethods.All)
        {
            if (ReferenceEquals(known, method) || string.Equals(known, method, StringComparison.Ordinal))
            {
                return known;
            }
        }

        return "OTHER";
    }

    private sealed class Sink(SipStack stack) : ISipTransportSink
    {
        public void OnMessage(SipMessage message, SipEndPoint source) => stack.OnMessage(message, source);

        public ValueTask OnParseErrorAsync(SipParseError error, SipEndPoint source) => stack.OnParseErrorAsync(error, source);
    }
}
