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

    /// <summary>
    /// A 2xx to an INVITE whose client transaction has ended: a retransmission because our ACK was lost, or a
    /// forked answer. The dialog layer re-sends its ACK (or ACKs and BYEs an unwanted fork). Default: ignored.
    /// </summary>
    ValueTask OnInvite2xxRetransmissionAsync(SipResponse response, SipEndPoint source, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
