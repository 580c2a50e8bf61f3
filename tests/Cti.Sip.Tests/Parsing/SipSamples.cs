using System.Text;

namespace Cti.Sip.Tests.Parsing;

/// <summary>Typical messages used across the parser, serializer, fuzzing and benchmark tests.</summary>
internal static class SipSamples
{
    public const string Sdp =
        "v=0\r\n" +
        "o=alice 2890844526 2890844526 IN IP4 client.atlanta.example.com\r\n" +
        "s=-\r\n" +
        "c=IN IP4 192.0.2.101\r\n" +
        "t=0 0\r\n" +
        "m=audio 49172 RTP/AVP 0 8 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-15\r\n" +
        "a=sendrecv\r\n";

    public static readonly string Invite =
        "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: \"Alice\" <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n" +
        "To: Bob <sip:bob@biloxi.example.com>\r\n" +
        "Call-ID: 3848276298220188511@atlanta.example.com\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Contact: <sip:alice@client.atlanta.example.com;transport=udp>\r\n" +
        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS\r\n" +
        "Supported: replaces, timer\r\n" +
        "User-Agent: Cti-Test/1.0\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: " + Encoding.ASCII.GetByteCount(Sdp) + "\r\n" +
        "\r\n" +
        Sdp;

    public static readonly string Register =
        "REGISTER sip:registrar.biloxi.example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP bobspc.biloxi.example.com:5060;branch=z9hG4bKnashds7\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: Bob <sip:bob@biloxi.example.com>\r\n" +
        "From: Bob <sip:bob@biloxi.example.com>;tag=456248\r\n" +
        "Call-ID: 843817637684230@998sdasdh09\r\n" +
        "CSeq: 1826 REGISTER\r\n" +
        "Contact: <sip:bob@192.0.2.4>;expires=3600;q=0.7\r\n" +
        "Authorization: Digest username=\"bob\", realm=\"biloxi.example.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", " +
        "uri=\"sip:registrar.biloxi.example.com\", response=\"6629fae49393a05397450978507c4ef1\", algorithm=MD5, " +
        "cnonce=\"0a4f113b\", qop=auth, nc=00000001, opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"\r\n" +
        "Expires: 7200\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n";

    public static byte[] InviteBytes => Encoding.ASCII.GetBytes(Invite);

    public static byte[] RegisterBytes => Encoding.ASCII.GetBytes(Register);
}
