using System.Net;
using System.Net.Sockets;

namespace Cti.Sip.Sdp;

/// <summary>The <c>c=</c> line: <c>c=&lt;nettype&gt; &lt;addrtype&gt; &lt;connection-address&gt;</c>.</summary>
/// <param name="NetworkType">Normally <c>IN</c>.</param>
/// <param name="AddressType"><c>IP4</c> or <c>IP6</c>.</param>
/// <param name="Address">Address text as written (may carry a multicast <c>/ttl</c> suffix).</param>
public sealed record SdpConnection(string NetworkType, string AddressType, string Address)
{
    /// <summary>A connection line for <paramref name="address"/> with the matching address type.</summary>
    public static SdpConnection For(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new SdpConnection("IN", address.AddressFamily == AddressFamily.InterNetworkV6 ? "IP6" : "IP4", address.ToString());
    }

    /// <summary>Parses <see cref="Address"/> as a unicast IP address (a <c>/ttl</c> suffix or a host name gives <c>false</c>).</summary>
    public bool TryGetIPAddress(out IPAddress address) => IPAddress.TryParse(Address, out address!);
}
