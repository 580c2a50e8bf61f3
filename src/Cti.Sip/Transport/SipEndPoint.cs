using System.Net;

namespace Cti.Sip.Transport;

/// <summary>
/// Where a message came from or goes to: the transport, the remote address and port, and (for received
/// messages) the local listening endpoint that received it.
/// </summary>
public sealed record SipEndPoint(SipTransportProtocol Transport, IPEndPoint Remote, IPEndPoint? Local = null)
{
    /// <summary>True for TCP: no retransmissions, responses go back over the same connection.</summary>
    public bool IsReliable => Transport != SipTransportProtocol.Udp;

    /// <summary>The Via transport token (<c>UDP</c>, <c>TCP</c>).</summary>
    public string ViaTransport => Transport == SipTransportProtocol.Udp ? "UDP" : "TCP";

    public override string ToString() => $"{ViaTransport}:{Remote}";
}
