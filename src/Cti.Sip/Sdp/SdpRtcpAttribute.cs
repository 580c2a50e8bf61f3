using System.Globalization;

namespace Cti.Sip.Sdp;

/// <summary>An RFC 3605 <c>a=rtcp:&lt;port&gt; [&lt;nettype&gt; &lt;addrtype&gt; &lt;address&gt;]</c> attribute.</summary>
/// <param name="Port">RTCP port.</param>
/// <param name="Connection">Explicit RTCP address, or null when it is the media's connection address.</param>
public sealed record SdpRtcpAttribute(int Port, SdpConnection? Connection = null)
{
    /// <summary>Parses the attribute value; false when malformed.</summary>
    public static bool TryParse(string? value, out SdpRtcpAttribute rtcp)
    {
        rtcp = null!;
        if (value is null)
        {
            return false;
        }

        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is not (1 or 4)
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port > 65535)
        {
            return false;
        }

        rtcp = new SdpRtcpAttribute(port, parts.Length == 4 ? new SdpConnection(parts[1], parts[2], parts[3]) : null);
        return true;
    }

    /// <summary>The attribute value (without <c>rtcp:</c>).</summary>
    public string ToValue() => Connection is null
        ? Port.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Port} {Connection.NetworkType} {Connection.AddressType} {Connection.Address}");
}
