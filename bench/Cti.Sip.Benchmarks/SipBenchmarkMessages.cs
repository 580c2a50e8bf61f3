using System.Text;

namespace Cti.Sip.Benchmarks;

/// <summary>A typical INVITE with SDP (about 900 bytes) and a REGISTER with Digest credentials.</summary>
internal static class SipBenchmarkMessages
{
    private const string Sdp =
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
        "a=ptime:20\r\n" +
        "a=sendrecv\r\n";

    public static readonly byte[] Invite = Encoding.ASCII.GetBytes(
        "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP client.atlanta.example.com:5060;branch=z9hG4bK74bf9;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: \"Alice\" <sip:alice@atlanta.example.com>;tag=9fxced76sl\r\n" +
        "To: Bob <sip:bob@biloxi.example.com>\r\n" +
        "Call-ID: 3848276298220188511@atlanta.example.com\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Contact: <sip:alice@client.atlanta.example.com;transport=udp>\r\n" +
        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO\r\n" +
        "Supported: replaces, timer\r\n" +
        "Session-Expires: 1800;refresher=uac\r\n" +
        "P-Asserted-Identity: \"Alice\" <sip:alice@atlanta.example.com>\r\n" +
        "Accept: application/sdp\r\n" +
        "User-Agent: Cti-Softphone/1.0\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: " + Encoding.ASCII.GetByteCount(Sdp) + "\r\n" +
        "\r\n" +
        Sdp);

    public static readonly byte[] Register = Encoding.ASCII.GetBytes(
        "REGISTER sip:registrar.biloxi.example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP bobspc.biloxi.example.com:5060;branch=z9hG4bKnashds7\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: Bob <sip:bob@biloxi.example.com>\r\n" +
        "From: Bob <sip:bob@biloxi.example.com>;tag=456248\r\n" +
        "Call-ID: 843817637684230@998sdasdh09\r\n" +
        "CSeq: 1826 REGISTER\r\n" +
        "Contact: <sip:bob@192.0.2.4>;expires=3600\r\n" +
        "Authorization: Digest username=\"bob\", realm=\"biloxi.example.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", " +
        "uri=\"sip:registrar.biloxi.example.com\", response=\"6629fae49393a05397450978507c4ef1\", algorithm=MD5, " +
        "cnonce=\"0a4f113b\", qop=auth, nc=00000001, opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n");
}
