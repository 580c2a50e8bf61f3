using Cti.Sip.Messages;
using Cti.Sip.Transactions;
using Cti.Sip.Transport;

namespace Cti.Sip.Stack;

/// <summary>A request handed to the <see cref="ISipRequestHandler"/>, bound to its server transaction.</summary>
public sealed class SipServerContext
{
    private readonly SipServerTransaction _transaction;

    internal SipServerContext(SipRequest request, SipEndPoint source, SipServerTransaction transaction)
    {
        Request = request;
        Source = source;
        _transaction = transaction;
        LocalTag = SipTransactionMessages.NewTag();
    }

    public SipRequest Request { get; }

    /// <summary>Transport, remote address/port and the local listener the request arrived on.</summary>
    public SipEndPoint Source { get; }

    /// <summary>The To tag <see cref="CreateResponse"/> adds when the request's To has none.</summary>
    public string LocalTag { get; }

    /// <summary>Cancelled when a CANCEL arrives for this INVITE (the stack has already answered 487).</summary>
    public CancellationToken Cancelled => _transaction.Cancelled;

    /// <summary>True once a final (2xx–6xx) response was sent.</summary>
    public bool HasFinalResponse => _transaction.HasFinalResponse;

    /// <summary>A response to this request (Via, From, To, Call-ID, CSeq copied; To tag added except for 100).</summary>
    public SipResponse CreateResponse(int statusCode, string? reasonPhrase = null) =>
        SipResponseFactory.Create(Request, statusCode, reasonPhrase, statusCode == 100 ? null : LocalTag, copyRecordRoute: Request.Method == SipMethods.Invite);

    /// <summary>
    /// Sends a response through the server transaction (retransmitted by it over UDP as RFC 3261 requires).
    /// Returns false when a final response was already sent (the response is then dropped).
    /// </summary>
    public ValueTask<bool> RespondAsync(SipResponse response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_transaction.Respond(response));
    }

    internal bool Respond(SipResponse response) => _transaction.Respond(response);
}
