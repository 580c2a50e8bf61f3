using System.Net;
using System.Net.Sockets;
using Cti.Sip.Messages;
using Cti.Sip.Parsing;
using Cti.Sip.Serialization;

namespace Cti.Host.Tests.Trunks;

/// <summary>A carrier's signalling side over UDP: sends INVITE/OPTIONS/REGISTER from a chosen loopback address.</summary>
internal sealed class SipTestCarrier : IDisposable
{
    private readonly UdpClient _udp;
    private readonly IPEndPoint _server;
    private int _cseq;

    public SipTestCarrier(int serverPort, string localAddress = "127.0.0.1")
    {
        _udp = new UdpClient(new IPEndPoint(IPAddress.Parse(localAddress), 0));
        _server = new IPEndPoint(IPAddress.Loopback, serverPort);
    }

    public IPEndPoint Local => (IPEndPoint)_udp.Client.LocalEndPoint!;

    public void Dispose() => _udp.Dispose();

    public Task<SipResponse> InviteAsync(string did, string caller, string? assertedIdentity = null)
    {
        var request = Base(SipMethods.Invite, $"sip:{did}@127.0.0.1:{_server.Port}", caller, did);
        request.Headers.Add(SipHeaderNames.Contact, $"<sip:{caller}@{Local}>");
        if (assertedIdentity is not null)
        {
            request.Headers.Add(SipHeaderNames.PAssertedIdentity, assertedIdentity);
        }

        return SendAsync(request);
    }

    public Task<SipResponse> OptionsAsync() => SendAsync(Base(SipMethods.Options, $"sip:127.0.0.1:{_server.Port}", "carrier", "cti"));

    public Task<SipResponse> RegisterAsync()
    {
        var request = Base(SipMethods.Register, "sip:cti.local", "carrier", "carrier");
        request.Headers.Add(SipHeaderNames.Contact, $"<sip:carrier@{Local}>");
        request.Headers.Add(SipHeaderNames.Expires, "600");
        return SendAsync(request);
    }

    private SipRequest Base(string method, string requestUri, string fromUser, string toUser)
    {
        var request = new SipRequest(method, SipUri.Parse(requestUri));
        request.Headers.Add(SipHeaderNames.Via, $"SIP/2.0/UDP {Local};branch=z9hG4bK{Guid.NewGuid():N};rport");
        request.Headers.Add(SipHeaderNames.MaxForwards, "70");
        request.Headers.Add(SipHeaderNames.From, $"<sip:{fromUser}@carrier.example>;tag=c{Local.Port}");
        request.Headers.Add(SipHeaderNames.To, $"<sip:{toUser}@cti.local>");
        request.Headers.Add(SipHeaderNames.CallId, Guid.NewGuid().ToString("N"));
        request.Headers.Add(SipHeaderNames.CSeq, $"{++_cseq} {method}");
        request.Headers.Add(SipHeaderNames.ContentLength, "0");
        return request;
    }

    private async Task<SipResponse> SendAsync(SipRequest request)
    {
        await _udp.SendAsync(SipMessageWriter.ToBytes(request), _server);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var datagram = await _udp.ReceiveAsync(timeout.Token);
            if (SipMessageParser.ParseDatagram(datagram.Buffer).Message is SipResponse { StatusCode: >= 200 } response)
            {
                return response;
            }
        }
    }
}
