using System.Net;

namespace Cti.Sip.Sdp;

/// <summary>
/// Anchors media in the relay: rewrites a description received on one leg into the one sent on the other leg so that
/// the far end sends RTP to the relay instead of the original party.
/// </summary>
/// <remarks>
/// The first active audio section gets the relay port; other sections are declined with port 0, because the relay
/// carries only one audio stream (their addresses are replaced too, so no original address leaks). ICE attributes are removed (the relay does not do ICE and the candidates would point
/// past it). Everything else, unknown attributes included, is kept. When anything changed, the <c>o=</c> version is
/// increased by one, so an unchanged re-offer from the original party maps to an unchanged re-offer on the other leg.
/// </remarks>
public static class SdpRewriter
{
    private static readonly HashSet<string> IceAttributes = new(StringComparer.Ordinal)
    {
        "candidate", "remote-candidates", "ice-ufrag", "ice-pwd", "ice-options", "ice-lite", "ice-mismatch", "end-of-candidates",
    };

    /// <summary>Rewrites <paramref name="description"/> so its audio is addressed to <paramref name="relayAddress"/>:<paramref name="relayRtpPort"/>.</summary>
    /// <param name="description">The description received from one party.</param>
    /// <param name="relayAddress">The relay's address as seen by the party that will receive the result.</param>
    /// <param name="relayRtpPort">The relay leg's RTP port; RTCP is <paramref name="relayRtpPort"/> + 1.</param>
    public static SdpSessionDescription RewriteForRelay(SdpSessionDescription description, IPAddress relayAddress, int relayRtpPort)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(relayAddress);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(relayRtpPort);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(relayRtpPort, 65534);

        var relayConnection = SdpConnection.For(relayAddress);
        var audioIndex = description.FindActiveAudio();
        var media = new List<SdpMediaDescription>(description.Media.Count);
        for (var i = 0; i < description.Media.Count; i++)
        {
            var m = description.Media[i];
            var attributes = WithoutIce(m.Attributes);
            if (i == audioIndex)
            {
                RewriteRtcp(attributes, relayRtpPort + 1, relayConnection);
                var connection = m.Connection is not null || description.Connection is null ? relayConnection : null;
                media.Add(m with { Port = relayRtpPort, Connection = connection, Attributes = attributes });
            }
            else
            {
                media.Add(m with { Port = 0, Connection = m.Connection is null ? null : relayConnection, Attributes = attributes });
            }
        }

        var origin = description.Origin with
        {
            AddressType = relayConnection.AddressType,
            Address = relayConnection.Address,
        };

        var rewritten = description with
        {
            Origin = origin,
            Connection = description.Connection is null ? null : relayConnection,
            Attributes = WithoutIce(description.Attributes),
            Media = media,
        };

        var changed = !string.Equals(SdpWriter.Write(rewritten), SdpWriter.Write(description), StringComparison.Ordinal);
        return changed ? rewritten with { Origin = origin with { SessionVersion = unchecked(origin.SessionVersion + 1) } } : rewritten;
    }

    private static List<SdpAttribute> WithoutIce(IReadOnlyList<SdpAttribute> attributes)
    {
        var result = new List<SdpAttribute>(attributes.Count);
        foreach (var a in attributes)
        {
            if (!IceAttributes.Contains(a.Name))
            {
                result.Add(a);
            }
        }

        return result;
    }

    private static void RewriteRtcp(List<SdpAttribute> attributes, int rtcpPort, SdpConnection relayConnection)
    {
        for (var i = 0; i < attributes.Count; i++)
        {
            if (attributes[i].Is(SdpAttributeNames.Rtcp))
            {
                var hadAddress = SdpRtcpAttribute.TryParse(attributes[i].Value, out var old) && old.Connection is not null;
                var value = new SdpRtcpAttribute(rtcpPort, hadAddress ? relayConnection : null).ToValue();
                attributes[i] = new SdpAttribute(SdpAttributeNames.Rtcp, value);
            }
            else if (attributes[i].Is("rtcp-mux"))
            {
                // The relay keeps RTP and RTCP on separate ports, so multiplexing is not offered onwards.
                attributes.RemoveAt(i);
                i--;
            }
        }
    }
}
