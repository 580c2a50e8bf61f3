using System.Diagnostics.CodeAnalysis;
using System.Net;
using Cti.Sip.Messages;
using Cti.Sip.Transport;

namespace Cti.Calls.Legs;

/// <summary>Reads a gateway line's <c>AudioEndpoint</c> (<c>sip:ch1@10.0.0.20[:port][;transport=tcp]</c>) as an INVITE target.</summary>
internal static class GatewayAudioEndpoint
{
    private const int DefaultSipPort = 5060;

    /// <summary>The host must be an IP address: a gateway channel is a fixed box on the LAN and the call path does no DNS.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out AgentContact? endpoint)
    {
        endpoint = null;
        if (!SipUri.TryParse(text, out var uri) || uri.Scheme != "sip" || !IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
        {
            return false;
        }

        var transport = string.Equals(uri.Transport, "tcp", StringComparison.OrdinalIgnoreCase) ? SipTransportProtocol.Tcp : SipTransportProtocol.Udp;
        endpoint = new AgentContact(uri, new SipEndPoint(transport, new IPEndPoint(address, uri.Port ?? DefaultSipPort)), IsRegistered: false);
        return true;
    }
}
