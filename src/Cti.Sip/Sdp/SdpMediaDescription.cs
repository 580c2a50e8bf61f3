using System.Globalization;

namespace Cti.Sip.Sdp;

/// <summary>One media section: the <c>m=</c> line and the lines that follow it up to the next <c>m=</c>.</summary>
/// <param name="Media">Media type (<c>audio</c>, <c>video</c>, ...).</param>
/// <param name="Port">Transport port; 0 means the stream is declined or disabled.</param>
/// <param name="PortCount">The <c>/&lt;number of ports&gt;</c> suffix when present.</param>
/// <param name="Protocol">Transport protocol, e.g. <c>RTP/AVP</c>.</param>
/// <param name="Formats">Format list; RTP payload type numbers for RTP profiles.</param>
/// <param name="Connection">Media-level <c>c=</c>, overriding the session-level one.</param>
/// <param name="Attributes">The <c>a=</c> lines in order, unknown ones included verbatim.</param>
/// <param name="OtherLines">Other lines (<c>i=</c>, <c>b=</c>, <c>k=</c>, unknown) verbatim.</param>
public sealed record SdpMediaDescription(
    string Media,
    int Port,
    int? PortCount,
    string Protocol,
    IReadOnlyList<string> Formats,
    SdpConnection? Connection,
    IReadOnlyList<SdpAttribute> Attributes,
    IReadOnlyList<SdpLine> OtherLines)
{
    /// <summary>Whether this is an <c>audio</c> section.</summary>
    public bool IsAudio => string.Equals(Media, "audio", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the protocol is an RTP profile (formats are payload types).</summary>
    public bool IsRtp => Protocol.Contains("RTP/", StringComparison.OrdinalIgnoreCase);

    /// <summary>The direction attribute written in this section, or null when none.</summary>
    public SdpDirection? Direction
    {
        get
        {
            foreach (var attribute in Attributes)
            {
                if (attribute.Value is null && SdpAttributeNames.ToDirection(attribute.Name) is { } direction)
                {
                    return direction;
                }
            }

            return null;
        }
    }

    /// <summary>The <c>a=ptime</c> value in milliseconds, or null.</summary>
    public int? Ptime => GetAttributeValue(SdpAttributeNames.Ptime) is { } v
        && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0 ? ms : null;

    /// <summary>The RFC 3605 <c>a=rtcp</c> attribute, or null (then RTCP is on port + 1).</summary>
    public SdpRtcpAttribute? Rtcp => SdpRtcpAttribute.TryParse(GetAttributeValue(SdpAttributeNames.Rtcp), out var rtcp) ? rtcp : null;

    /// <summary>Payload type numbers of <see cref="Formats"/> (non-numeric formats skipped).</summary>
    public IEnumerable<int> PayloadTypes
    {
        get
        {
            foreach (var format in Formats)
            {
                if (int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out var pt))
                {
                    yield return pt;
                }
            }
        }
    }

    /// <summary>The first value of the named attribute, or null.</summary>
    public string? GetAttributeValue(string name)
    {
        foreach (var attribute in Attributes)
        {
            if (attribute.Is(name))
            {
                return attribute.Value;
            }
        }

        return null;
    }

    /// <summary>The well-formed rtpmap for <paramref name="payloadType"/>, if any.</summary>
    public bool TryGetRtpMap(int payloadType, out SdpRtpMap rtpMap)
    {
        foreach (var attribute in Attributes)
        {
            if (attribute.Is(SdpAttributeNames.RtpMap)
                && SdpRtpMap.TryParse(attribute.Value, out rtpMap)
                && rtpMap.PayloadType == payloadType)
            {
                return true;
            }
        }

        rtpMap = null!;
        return false;
    }

    /// <summary>The fmtp parameters for <paramref name="payloadType"/> (text after the payload type), or null.</summary>
    public string? GetFmtp(int payloadType)
    {
        var prefix = payloadType.ToString(CultureInfo.InvariantCulture) + " ";
        foreach (var attribute in Attributes)
        {
            if (attribute.Is(SdpAttributeNames.Fmtp) && attribute.Value is { } value && value.StartsWith(prefix, StringComparison.Ordinal))
            {
                return value[prefix.Length..].Trim();
            }
        }

        return null;
    }

    /// <summary>A copy with every direction attribute replaced by one for <paramref name="direction"/>.</summary>
    public SdpMediaDescription WithDirection(SdpDirection direction)
    {
        var attributes = new List<SdpAttribute>(Attributes.Count + 1);
        foreach (var attribute in Attributes)
        {
            if (attribute.Value is not null || SdpAttributeNames.ToDirection(attribute.Name) is null)
            {
                attributes.Add(attribute);
            }
        }

        attributes.Add(new SdpAttribute(SdpAttributeNames.FromDirection(direction)));
        return this with { Attributes = attributes };
    }
}
