using System.Net;
using Cti.Sip.Messages;
using Cti.Sip.Transport;

namespace Cti.Sip.Tests.Transactions;

internal static class SipTestMessages
{
    public static readonly SipEndPoint UdpPeer = new(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5060));
    public static readonly SipEndPoint TcpPeer = new(SipTransportProtocol.Tcp, new IPEndPoint(IPAddress.Parse("192.0.2.10"), 40000));

    public static SipRequest Request(string method, string branch = "z9hG4bKtest1", uint cseq = 1, string? toTag = null, string callId = "call-1")
    {
        var request = new SipRequest(method, SipUri.Parse("sip:100@cti.test"));
        request.Headers.Add(SipHeaderNames.Via, $"SIP/2.0/UDP 192.0.2.10:5060;branch={branch}");
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        request.Headers.Add(SipHeaderNames.From, "<sip:agent@cti.test>;tag=from1");
        request.Headers.Add(SipHeaderNames.To, "<sip:100@cti.test>" + (toTag is null ? "" : ";tag=" + toTag));
        request.Headers.Add(SipHeaderNames.CallId, callId);
        request.Headers.Add(SipHeaderNames.CSeq, $"{cseq} {method}");
        return request;
    }

    /// <summary>An ACK as the UAC would send it for a final response (same branch for non-2xx, new one for 2xx).</summary>
    public static SipRequest Ack(string branch, string toTag, uint cseq = 1)
    {
        var ack = Request(SipMethods.Ack, branch, cseq, toTag);
        return ack;
    }
}
