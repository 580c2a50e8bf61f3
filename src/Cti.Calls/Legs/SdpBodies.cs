using Cti.Sip.Messages;
using Cti.Sip.Sdp;

namespace Cti.Calls.Legs;

/// <summary>SDP as a SIP body: what every leg attaches to its offers and answers, and reads from the other side's.</summary>
internal static class SdpBodies
{
    public const string ContentType = "application/sdp";

    public static void Attach(SipMessage message, SdpSessionDescription sdp)
    {
        message.Headers.Set(SipHeaderNames.ContentType, ContentType);
        message.Body = SdpWriter.WriteUtf8(sdp);
    }

    public static bool IsSdp(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals(ContentType, StringComparison.OrdinalIgnoreCase);

    /// <summary>The answer to <paramref name="offer"/> in a 2xx, or null without a usable one.</summary>
    public static SdpNegotiationResult? ReadAnswer(SipMessage response, SdpMediaOptions offer)
    {
        if (response.Body.IsEmpty || !IsSdp(response.ContentType) || !SdpParser.TryParse(response.Body.Span, out var sdp, out _))
        {
            return null;
        }

        var result = SdpNegotiator.ReadAnswer(sdp, offer);
        return result.Success ? result : null;
    }

    /// <summary>A new SDP session id for a call's offers and answers.</summary>
    public static string NewSessionId() =>
        System.Security.Cryptography.RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
