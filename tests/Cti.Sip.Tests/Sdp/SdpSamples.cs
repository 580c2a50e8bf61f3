namespace Cti.Sip.Tests.Sdp;

internal static class SdpSamples
{
    public const string CarrierOffer =
        "v=0\r\n" +
        "o=- 1234 5678 IN IP4 203.0.113.10\r\n" +
        "s=-\r\n" +
        "c=IN IP4 203.0.113.10\r\n" +
        "t=0 0\r\n" +
        "m=audio 40000 RTP/AVP 8 0 101\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-16\r\n" +
        "a=ptime:20\r\n" +
        "a=x-vendor-thing:abc def\r\n" +
        "a=rtcp:40001\r\n" +
        "a=sendrecv\r\n";

    public const string SoftphoneOffer =
        "v=0\r\n" +
        "o=alice 2890844526 2890844526 IN IP4 10.0.0.5\r\n" +
        "s=call\r\n" +
        "i=A softphone\r\n" +
        "b=AS:64\r\n" +
        "t=0 0\r\n" +
        "a=tool:phone 1.0\r\n" +
        "m=audio 5004 RTP/AVP 0 96 18\r\n" +
        "c=IN IP4 10.0.0.5\r\n" +
        "a=rtpmap:96 telephone-event/8000\r\n" +
        "a=fmtp:96 0-15\r\n" +
        "a=rtpmap:18 G729/8000\r\n" +
        "a=candidate:1 1 UDP 2130706431 10.0.0.5 5004 typ host\r\n" +
        "a=ice-ufrag:abcd\r\n" +
        "m=video 5006 RTP/AVP 97\r\n" +
        "c=IN IP4 10.0.0.5\r\n" +
        "a=rtpmap:97 H264/90000\r\n";

    public static Cti.Sip.Sdp.SdpSessionDescription Parse(string text)
    {
        Assert.True(Cti.Sip.Sdp.SdpParser.TryParse(text, out var description, out var error), error.ToString());
        return description;
    }
}
