using Cti.Sip.Messages;

namespace Cti.Sip.Transport;

/// <summary>
/// Sends serialised SIP messages. The stack's implementation picks the UDP socket or TCP connection for the
/// destination (reusing a connection to the same remote endpoint); tests substitute a capturing fake.
/// </summary>
public interface ISipTransport
{
    /// <summary>Sends one message; throws (or faults) on a transport error, which ends the owning transaction.</summary>
    ValueTask SendAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken);
}
