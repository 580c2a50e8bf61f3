using System.Globalization;
using System.Net;

namespace Cti.Sip.Sdp;

/// <summary>
/// RFC 3264 offer/answer for the relay's single audio stream with G.711 (PCMU/PCMA) and RFC 4733 telephone events.
/// </summary>
/// <remarks>
/// The answerer picks the first offered format it supports (the offerer's preference wins, RFC 3264 §6.1) and answers
/// with the offerer's payload type numbers. The answer's direction mirrors the offer: sendonly ↔ recvonly (hold),
/// inactive stays inactive, sendrecv stays sendrecv. Every offered section gets an answer section, declined ones with port 0.
/// </remarks>
public static class SdpNegotiator
{
    private const string TelephoneEventName = "telephone-event";

    /// <summary>Builds an offer for one relay leg.</summary>
    public static SdpSessionDescription CreateOffer(SdpMediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var formats = new List<string>();
        var attributes = new List<SdpAttribute>();
        foreach (var codec in options.Codecs)
        {
            formats.Add(codec.PayloadType.ToString(CultureInfo.InvariantCulture));
            attributes.Add(new SdpRtpMap(codec.PayloadType, codec.EncodingName, codec.ClockRate).ToAttribute());
        }

        if (options.TelephoneEvents)
        {
            var te = SdpCodec.TelephoneEvent;
            formats.Add(te.PayloadType.ToString(CultureInfo.InvariantCulture));
            attributes.Add(new SdpRtpMap(te.PayloadType, te.EncodingName, te.ClockRate).ToAttribute());
            attributes.Add(new SdpAttribute(SdpAttributeNames.Fmtp, te.PayloadType.ToString(CultureInfo.InvariantCulture) + " 0-16"));
        }

        attributes.Add(new SdpAttribute(SdpAttributeNames.Ptime, options.Ptime.ToString(CultureInfo.InvariantCulture)));
        attributes.Add(new SdpAttribute(SdpAttributeNames.FromDirection(options.Direction)));
        var audio = new SdpMediaDescription("audio", options.RtpPort, null, "RTP/AVP", formats, null, attributes, []);
        return Session(options, [audio]);
    }

    /// <summary>Answers <paramref name="offer"/>; on failure the caller rejects the offer (SIP 488).</summary>
    public static SdpNegotiationResult Answer(SdpSessionDescription offer, SdpMediaOptions options)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(options);
        var audioIndex = offer.FindActiveAudio();
        if (audioIndex < 0)
        {
            return SdpNegotiationResult.Failed(SdpNegotiationError.NoAudio);
        }

        var offered = offer.Media[audioIndex];
        var remote = ReadRemote(offer, offered);
        if (remote.Error != SdpNegotiationError.None)
        {
            return remote;
        }

        SdpCodec? chosen = null;
        SdpCodec? telephoneEvent = null;
        foreach (var pt in offered.PayloadTypes)
        {
            if (SdpCodec.Resolve(offered, pt) is not { } codec)
            {
                continue;
            }

            if (chosen is null && options.Codecs.Any(c => c.SameFormat(codec)))
            {
                chosen = codec;
            }
            else if (telephoneEvent is null && options.TelephoneEvents
                && codec.ClockRate == 8000 && string.Equals(codec.EncodingName, TelephoneEventName, StringComparison.OrdinalIgnoreCase))
            {
                telephoneEvent = codec;
            }
        }

        if (chosen is null)
        {
            return SdpNegotiationResult.Failed(SdpNegotiationError.NoCommonCodec);
        }

        var formats = new List<string> { chosen.PayloadType.ToString(CultureInfo.InvariantCulture) };
        var attributes = new List<SdpAttribute> { new SdpRtpMap(chosen.PayloadType, chosen.EncodingName, chosen.ClockRate).ToAttribute() };
        if (telephoneEvent is not null)
        {
            var pt = telephoneEvent.PayloadType.ToString(CultureInfo.InvariantCulture);
            formats.Add(pt);
            attributes.Add(new SdpRtpMap(telephoneEvent.PayloadType, telephoneEvent.EncodingName, telephoneEvent.ClockRate).ToAttribute());
            attributes.Add(new SdpAttribute(SdpAttributeNames.Fmtp, pt + " " + (offered.GetFmtp(telephoneEvent.PayloadType) ?? "0-15")));
        }

        attributes.Add(new SdpAttribute(SdpAttributeNames.Ptime, (offered.Ptime ?? options.Ptime).ToString(CultureInfo.InvariantCulture)));
        var answerDirection = Mirror(remote.RemoteDirection);
        attributes.Add(new SdpAttribute(SdpAttributeNames.FromDirection(answerDirection)));

        var media = new List<SdpMediaDescription>(offer.Media.Count);
        for (var i = 0; i < offer.Media.Count; i++)
        {
            var m = offer.Media[i];
            media.Add(i == audioIndex
                ? new SdpMediaDescription("audio", options.RtpPort, null, m.Protocol, formats, null, attributes, [])
                : new SdpMediaDescription(m.Media, 0, null, m.Protocol, m.Formats.Count > 0 ? [m.Formats[0]] : ["0"], null, [], []));
        }

        return remote with
        {
            Answer = Session(options, media),
            Codec = chosen,
            TelephoneEventPayloadType = telephoneEvent?.PayloadType,
        };
    }

    /// <summary>Reads the answer to an offer this side made (from <see cref="CreateOffer"/>): the agreed codec and where to send.</summary>
    public static SdpNegotiationResult ReadAnswer(SdpSessionDescription answer, SdpMediaOptions offeredOptions)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(offeredOptions);
        var audioIndex = answer.FindActiveAudio();
        if (audioIndex < 0)
        {
            return SdpNegotiationResult.Failed(SdpNegotiationError.NoAudio);
        }

        var m = answer.Media[audioIndex];
        var remote = ReadRemote(answer, m);
        if (remote.Error != SdpNegotiationError.None)
        {
            return remote;
        }

        SdpCodec? chosen = null;
        int? te = null;
        foreach (var pt in m.PayloadTypes)
        {
            var codec = SdpCodec.Resolve(m, pt);
            if (codec is null)
            {
                continue;
            }

            if (chosen is null && offeredOptions.Codecs.Any(c => c.SameFormat(codec)))
            {
                chosen = codec;
            }
            else if (te is null && string.Equals(codec.EncodingName, TelephoneEventName, StringComparison.OrdinalIgnoreCase))
            {
                te = pt;
            }
        }

        return chosen is null
            ? SdpNegotiationResult.Failed(SdpNegotiationError.NoCommonCodec)
            : remote with { Codec = chosen, TelephoneEventPayloadType = offeredOptions.TelephoneEvents ? te : null };
    }

    /// <summary>The answer direction for an offered direction (RFC 3264 §6.1).</summary>
    public static SdpDirection Mirror(SdpDirection offered) => offered switch
    {
        SdpDirection.SendOnly => SdpDirection.RecvOnly,
        SdpDirection.RecvOnly => SdpDirection.SendOnly,
        SdpDirection.Inactive => SdpDirection.Inactive,
        _ => SdpDirection.SendRecv,
    };

    private static SdpNegotiationResult ReadRemote(SdpSessionDescription description, SdpMediaDescription media)
    {
        var connection = description.GetEffectiveConnection(media);
        if (connection is null || !connection.TryGetIPAddress(out var address))
        {
            return SdpNegotiationResult.Failed(SdpNegotiationError.InvalidConnection);
        }

        var direction = description.GetEffectiveDirection(media);
        IPEndPoint? rtp = null;
        IPEndPoint? rtcp = null;

        // c=0.0.0.0 is the RFC 2543 way of saying "do not send to me" (old-style hold).
        if (!address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any))
        {
            rtp = new IPEndPoint(address, media.Port);
            var rtcpAddress = address;
            var rtcpPort = media.Port + 1;
            if (media.Rtcp is { } attribute)
            {
                rtcpPort = attribute.Port;
                if (attribute.Connection is not null && attribute.Connection.TryGetIPAddress(out var explicitAddress))
                {
                    rtcpAddress = explicitAddress;
                }
            }

            rtcp = rtcpPort is > 0 and <= 65535 ? new IPEndPoint(rtcpAddress, rtcpPort) : null;
        }

        return new SdpNegotiationResult
        {
            RemoteDirection = direction,
            RemoteRtp = rtp,
            RemoteRtcp = rtcp,
            RemotePtime = media.Ptime,
        };
    }

    private static SdpSessionDescription Session(SdpMediaOptions options, IReadOnlyList<SdpMediaDescription> media)
    {
        var connection = SdpConnection.For(options.Address);
        var origin = new SdpOrigin(options.UserName, options.SessionId, options.SessionVersion, "IN", connection.AddressType, connection.Address);
        return new SdpSessionDescription(origin, "cti", connection, [SdpTiming.Unbounded], [], [], media);
    }
}
