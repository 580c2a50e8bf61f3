using System.Diagnostics.CodeAnalysis;
using System.Net;
using Cti.Sip.Messages;
using Cti.Sip.Transport;

namespace Cti.Registrar;

/// <summary>A parsed <c>Cti:Agents:n:StaticContact</c>: the URI to put in the Request-URI and where to send it.</summary>
internal sealed record StaticContactAddress(SipUri Uri, SipEndPoint Destination)
{
    /// <summary>Parses <c>sip:user@ip:port[;transport=tcp]</c>; the host must be an IP address (no DNS on the call path).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out StaticContactAddress? contact)
    {
        contact = null;
        // sips: would promise TLS, which static contacts do not offer.
        if (!SipUri.TryParse(text, out var uri) || uri.Scheme != "sip" || uri.Port is not { } port ||
            !IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
        {
            return false;
        }

        var transport = string.Equals(uri.Transport, "tcp", StringComparison.OrdinalIgnoreCase) ? SipTransportProtocol.Tcp : SipTransportProtocol.Udp;
        contact = new StaticContactAddress(uri, new SipEndPoint(transport, new IPEndPoint(address, port)));
        return true;
    }
}
