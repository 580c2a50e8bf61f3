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

    /// <summary>An INVITE for <paramref name="did"/> carrying <paramref name="body"/> (an SDP offer unless told otherwise); not sent.</summary>
    public SipRequest CreateInvite(string did, string caller, string body, string contentType = "application/sdp")
    {
        var request = Base(SipMethods.Invite, $"sip:{did}@127.0.0.1:{_server.Port}", caller, did);
        request.Headers.Add(SipHeaderNames.Contact, $"<sip:{caller}@{Local}>");
        request.Headers.Set(SipHeaderNames.ContentType, contentType);
        request.Body = System.Text.Encoding.ASCII.GetBytes(body);
        return request;
    }

    /// <summary>The CANCEL for <paramref name="invite"/> (same Via branch, Call-ID, From, To and CSeq number); not sent.</summary>
    public static SipRequest CreateCancel(SipRequest invite)
    {
        ArgumentNullException.ThrowIfNull(invite);
        var cancel = new SipRequest(SipMethods.Cancel, invite.RequestUri.Clone());
        cancel.Headers.Add(SipHeaderNames.Via, invite.Headers.Get(SipHeaderNames.Via)!);
        cancel.Headers.Add(SipHeaderNames.MaxForwards, "70");
        cancel.Headers.Add(SipHeaderNames.From, invite.Headers.Get(SipHeaderNames.From)!);
        cancel.Headers.Add(SipHeaderNames.To, invite.Headers.Get(SipHeaderNames.To)!);
        cancel.Headers.Add(SipHeaderNames.CallId, invite.CallId!);
        cancel.Headers.Add(SipHeaderNames.CSeq, $"{invite.CSeq!.Number} {SipMethods.Cancel}");
        cancel.Headers.Add(SipHeaderNames.ContentLength, "0");
        return cancel;
    }

    /// <summary>The ACK for a non-2xx final response to <paramref name="invite"/> (same transaction, RFC 3261 §17.1.1.3); not sent.</summary>
    public static SipRequest CreateAck(SipRequest invite, SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(response);
        var ack = new SipRequest(SipMethods.Ack, invite.RequestUri.Clone());
        ack.Headers.Add(SipHeaderNames.Via, invite.Headers.Get(SipHeaderNames.Via)!);
        ack.Headers.Add(SipHeaderNames.MaxForwards, "70");
        ack.Headers.Add(SipHeaderNames.From, invite.Headers.Get(SipHeaderNames.From)!);
        ack.Headers.Add(SipHeaderNames.To, response.Headers.Get(SipHeaderNames.To)!);
        ack.Headers.Add(SipHeaderNames.CallId, invite.CallId!);
        ack.Headers.Add(SipHeaderNames.CSeq, $"{invite.CSeq!.Number} {SipMethods.Ack}");
        ack.Headers.Add(SipHeaderNames.ContentLength, "0");
        return ack;
    }

    /// <summary>Sends <paramref name="request"/> and returns its final response (provisional ones are skipped).</summary>
    public Task<SipResponse> RequestAsync(SipRequest request) => SendAsync(request);

    /// <summary>Sends <paramref name="request"/> without waiting for anything.</summary>
    public async Task SendOnlyAsync(SipRequest request) => await _udp.SendAsync(SipMessageWriter.ToBytes(request), _server);

    /// <summary>The next response that satisfies <paramref name="match"/>; others are skipped.</summary>
    public async Task<SipResponse> ReceiveResponseAsync(Func<SipResponse, bool> match, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var datagram = await _udp.ReceiveAsync(cancel.Token);
            if (SipMessageParser.ParseDatagram(datagram.Buffer).Message is SipResponse response && match(response))
            {
                return response;
            }
        }
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
