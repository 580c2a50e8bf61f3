using System.Globalization;

namespace Cti.Sip.Sdp;

/// <summary>An <c>a=rtpmap:&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;channels&gt;]</c> attribute.</summary>
/// <param name="PayloadType">RTP payload type 0–127.</param>
/// <param name="EncodingName">Encoding name, case preserved (compare case-insensitively).</param>
/// <param name="ClockRate">RTP clock rate in Hz.</param>
/// <param name="Channels">Channel count when written, else null.</param>
public sealed record SdpRtpMap(int PayloadType, string EncodingName, int ClockRate, int? Channels = null)
{
    /// <summary>Parses the value of an rtpmap attribute; false when malformed.</summary>
    public static bool TryParse(string? value, out SdpRtpMap rtpMap)
    {
        rtpMap = null!;
        if (value is null)
        {
            return false;
        }

        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0
            || !int.TryParse(value.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture, out var pt)
            || pt > 127)
        {
            return false;
        }

        var parts = value[(space + 1)..].Trim().Split('/');
        if (parts.Length is < 2 or > 3
            || parts[0].Length == 0
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var clock)
            || clock <= 0)
        {
            return false;
        }

        int? channels = null;
        if (parts.Length == 3)
        {
            if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ch) || ch <= 0)
            {
                return false;
            }

            channels = ch;
        }

        rtpMap = new SdpRtpMap(pt, parts[0], clock, channels);
        return true;
    }

    /// <summary>The attribute value (without <c>rtpmap:</c>).</summary>
    public string ToValue() => string.Create(
        CultureInfo.InvariantCulture,
        $"{PayloadType} {EncodingName}/{ClockRate}{(Channels is { } c ? "/" + c.ToString(CultureInfo.InvariantCulture) : string.Empty)}");

    /// <summary>An <see cref="SdpAttribute"/> carrying this map.</summary>
    public SdpAttribute ToAttribute() => new(SdpAttributeNames.RtpMap, ToValue());
}
