namespace Cti.Sip.Sdp;

/// <summary>An RTP payload format: payload type number, encoding name and clock rate.</summary>
/// <param name="PayloadType">Payload type 0–127 as used on the wire for this session.</param>
/// <param name="EncodingName">Encoding name (<c>PCMU</c>, <c>PCMA</c>, <c>telephone-event</c>).</param>
/// <param name="ClockRate">RTP clock rate in Hz.</param>
public sealed record SdpCodec(int PayloadType, string EncodingName, int ClockRate)
{
    /// <summary>G.711 µ-law, static payload type 0.</summary>
    public static SdpCodec Pcmu { get; } = new(0, "PCMU", 8000);

    /// <summary>G.711 A-law, static payload type 8.</summary>
    public static SdpCodec Pcma { get; } = new(8, "PCMA", 8000);

    /// <summary>RFC 4733 telephone events with the conventional dynamic payload type 101.</summary>
    public static SdpCodec TelephoneEvent { get; } = new(101, "telephone-event", 8000);

    /// <summary>Whether <paramref name="other"/> is the same format (name case-insensitively and clock rate), whatever its payload type.</summary>
    public bool SameFormat(SdpCodec other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ClockRate == other.ClockRate && string.Equals(EncodingName, other.EncodingName, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The codec a media section uses for <paramref name="payloadType"/>: its rtpmap, else the RFC 3551 static assignment (0 and 8 only).</summary>
    public static SdpCodec? Resolve(SdpMediaDescription media, int payloadType)
    {
        ArgumentNullException.ThrowIfNull(media);
        if (media.TryGetRtpMap(payloadType, out var map))
        {
            return new SdpCodec(payloadType, map.EncodingName, map.ClockRate);
        }

        return payloadType switch
        {
            0 => Pcmu,
            8 => Pcma,
            _ => null,
        };
    }
}
