namespace Cti.Sip.Sdp;

/// <summary>
/// A parsed session description (RFC 8866). Immutable: change it with <c>with</c> expressions or through
/// <see cref="SdpRewriter"/> / <see cref="SdpNegotiator"/>. Produced by <see cref="SdpParser"/>, written by <see cref="SdpWriter"/>.
/// </summary>
/// <param name="Origin">The <c>o=</c> line.</param>
/// <param name="SessionName">The <c>s=</c> text (<c>-</c> is common).</param>
/// <param name="Connection">Session-level <c>c=</c>, the default for every media section.</param>
/// <param name="Timings">The <c>t=</c> lines (at least one when written).</param>
/// <param name="Attributes">Session-level <c>a=</c> lines, unknown ones included verbatim.</param>
/// <param name="OtherLines">Other session-level lines (<c>i=</c>, <c>u=</c>, <c>e=</c>, <c>p=</c>, <c>b=</c>, <c>r=</c>, <c>z=</c>, <c>k=</c>, unknown) verbatim.</param>
/// <param name="Media">Media sections in order.</param>
public sealed record SdpSessionDescription(
    SdpOrigin Origin,
    string SessionName,
    SdpConnection? Connection,
    IReadOnlyList<SdpTiming> Timings,
    IReadOnlyList<SdpAttribute> Attributes,
    IReadOnlyList<SdpLine> OtherLines,
    IReadOnlyList<SdpMediaDescription> Media)
{
    /// <summary>The session-level direction attribute, or null.</summary>
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

    /// <summary>The direction of a media section: its own attribute, else the session's, else sendrecv (RFC 3264 §5.1).</summary>
    public SdpDirection GetEffectiveDirection(SdpMediaDescription media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Direction ?? Direction ?? SdpDirection.SendRecv;
    }

    /// <summary>The connection that applies to a media section: its own <c>c=</c>, else the session's.</summary>
    public SdpConnection? GetEffectiveConnection(SdpMediaDescription media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Connection ?? Connection;
    }

    /// <summary>Index of the first audio section with a non-zero port, or -1.</summary>
    public int FindActiveAudio()
    {
        for (var i = 0; i < Media.Count; i++)
        {
            if (Media[i].IsAudio && Media[i].Port != 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Writes the description with CRLF line ends.</summary>
    public override string ToString() => SdpWriter.Write(this);
}
