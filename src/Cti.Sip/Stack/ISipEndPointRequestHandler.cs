using Cti.Sip.Messages;
using Cti.Sip.Transport;

namespace Cti.Sip.Stack;

/// <summary>
/// Serves every request that arrives on particular local listeners (a trunk profile, say) instead of the
/// application's default handling. An application asks its handlers in order; the first that claims the endpoint
/// answers.
/// </summary>
public interface ISipEndPointRequestHandler
{
    /// <summary>True when requests received on <paramref name="local"/> belong to this handler.</summary>
    bool Claims(System.Net.IPEndPoint local);

    /// <summary>Takes over a request it answers itself (a call); false to be asked <see cref="HandleAsync"/> instead.</summary>
    ValueTask<bool> TryTakeAsync(SipServerContext context, CancellationToken cancellationToken) => ValueTask.FromResult(false);

    /// <summary>The response to send, or null for an ACK.</summary>
    Task<SipResponse?> HandleAsync(SipRequest request, SipEndPoint source, CancellationToken cancellationToken);
}
