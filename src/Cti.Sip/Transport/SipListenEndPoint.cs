using System.Net;

namespace Cti.Sip.Transport;

/// <summary>A configured local address to listen on. Port 0 picks a free port (see <c>SipStack.BoundEndPoints</c>).</summary>
public sealed record SipListenEndPoint(SipTransportProtocol Transport, IPAddress Address, int Port)
{
    public IPEndPoint ToIPEndPoint() => new(Address, Port);

    public override string ToString() => $"{Transport.ToString().ToUpperInvariant()}:{ToIPEndPoint()}";
}
