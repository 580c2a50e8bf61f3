using Cti.Sip.Messages;
using Cti.Sip.Transport;

namespace Cti.Sip.Stack;

/// <summary>The transaction user: receives each new, valid request once (retransmissions are absorbed below it).</summary>
public interface ISipRequestHandler
{
    /// <summary>
    /// Handles a new request and answers through <see cref="SipServerContext.RespondAsync"/>. Called on the receive
    /// loop: do not block; await I/O instead. A non-INVITE request left without a final response when the returned
    /// task completes is answered 500 by the stack; an INVITE may be answered later.
    /// </summary>
    ValueTask OnRequestAsync(SipServerContext context, CancellationToken cancellationToken);

    /// <summary>An ACK for a 2xx this stack sent (the dialog layer's business). Default: ignored.</summary>
    ValueTask OnAckAsync(SipRequest ack, SipEndPoint source, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
