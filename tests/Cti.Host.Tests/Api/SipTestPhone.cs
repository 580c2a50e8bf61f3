using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Cti.Sip.Messages;
using Cti.Sip.Parsing;
using Cti.Sip.Serialization;

namespace Cti.Host.Tests.Api;

/// <summary>A minimal UDP softphone: sends REGISTER/OPTIONS and answers the digest challenge.</summary>
internal sealed partial class SipTestPhone : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly IPEndPoint _server;
    private int _cseq;

    public SipTestPhone(int serverPort) => _server = new IPEndPoint(IPAddress.Loopback, serverPort);

    public int LocalPort => ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;

    public string CallId { get; } = Guid.NewGuid().ToString("N");

    public void Dispose() => _udp.Dispose();

    public async Task<SipResponse> RegisterAsync(string user, string password, int expires = 600)
    {
        var challenge = await SendAsync(Register(user, expires, null));
        if (challenge.StatusCode != 401)
        {
            return challenge;
        }

        var md5 = challenge.Headers.GetAll("WWW-Authenticate").Single(c => c.Contains("algorithm=MD5", StringComparison.Ordinal));
        var nonce = NonceRegex().Match(md5).Groups[1].Value;
        var opaque = OpaqueRegex().Match(md5).Groups[1].Value;
        const string uri = "sip:cti.local";
        var ha1 = Md5($"{user}:cti.local:{password}");
        var response = Md5($"{ha1}:{nonce}:00000001:c0ffee:auth:{Md5("REGISTER:" + uri)}");
        var authorization = $"Digest username=\"{user}\", realm=\"cti.local\", nonce=\"{nonce}\", uri=\"{uri}\", response=\"{response}\", algorithm=MD5, cnonce=\"c0ffee\", opaque=\"{opaque}\", qop=auth, nc=00000001";
        return await SendAsync(Register(user, expires, authorization));
    }

    public Task<SipResponse> OptionsAsync()
    {
        var request = Base("OPTIONS", "sip:cti.local", "1001");
        return SendAsync(request);
    }

    /// <summary>Waits for the next request from the service (an OPTIONS ping) and answers it 200.</summary>
    public async Task<SipRequest> AnswerNextRequestAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var datagram = await _udp.ReceiveAsync(cancel.Token);
            if (SipMessageParser.ParseDatagram(datagram.Buffer).Message is SipRequest request)
            {
                var response = SipResponseFactory.Create(request, 200, null, "phone");
                response.Headers.Add("Content-Length", "0");
                await _udp.SendAsync(SipMessageWriter.ToBytes(response), datagram.RemoteEndPoint);
                return request;
            }
        }
    }

    private SipRequest Register(string user, int expires, string? authorization)
    {
        var request = Base("REGISTER", "sip:cti.local", user);
        request.Headers.Add("Contact", $"<sip:{user}@127.0.0.1:{LocalPort};transport=udp>");
        request.Headers.Add("Expires", expires.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (authorization is not null)
        {
            request.Headers.Add("Authorization", authorization);
        }

        return request;
    }

    private SipRequest Base(string method, string requestUri, string user)
    {
        var request = new SipRequest(method, SipUri.Parse(requestUri));
        request.Headers.Add("Via", $"SIP/2.0/UDP 127.0.0.1:{LocalPort};branch=z9hG4bK{Guid.NewGuid():N};rport");
        request.Headers.Add("Max-Forwards", "70");
        request.Headers.Add("From", $"<sip:{user}@cti.local>;tag=t{LocalPort}");
        request.Headers.Add("To", $"<sip:{user}@cti.local>");
        request.Headers.Add("Call-ID", CallId);
        request.Headers.Add("CSeq", $"{++_cseq} {method}");
        request.Headers.Add("User-Agent", "TestPhone/1.0");
        request.Headers.Add("Content-Length", "0");
        return request;
    }

    private async Task<SipResponse> SendAsync(SipRequest request)
    {
        var bytes = SipMessageWriter.ToBytes(request);
        await _udp.SendAsync(bytes, _server);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var datagram = await _udp.ReceiveAsync(timeout.Token);
            var parsed = SipMessageParser.ParseDatagram(datagram.Buffer);
            if (parsed.Message is SipResponse { StatusCode: >= 200 } response)
            {
                return response;
            }
        }
    }

#pragma warning disable CA5351 // SIP digest MD5 is what the phones send; the test plays a phone.
    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

    [GeneratedRegex("nonce=\"([^\"]+)\"")]
    private static partial Regex NonceRegex();

    [GeneratedRegex("opaque=\"([^\"]+)\"")]
    private static partial Regex OpaqueRegex();
}
