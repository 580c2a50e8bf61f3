using System.Net;
using Cti.Sip.Messages;
using Cti.Sip.Transport;

namespace Cti.Trunks.Registration;

/// <summary>What registration needs from the SIP stack; a seam so the timing logic is testable without sockets.</summary>
internal interface ITrunkSignalling
{
    /// <summary>The bound listener of a profile for a transport (actual port), or null when there is none.</summary>
    IPEndPoint? ListenEndPoint(string profile, SipTransportProtocol transport);

    /// <summary>Runs a client transaction and returns its final response (408 on timeout, 503 on transport error).</summary>
    Task<SipResponse> SendAsync(SipRequest request, SipEndPoint destination, CancellationToken cancellationToken);
}
