using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Cti.Sip.Messages;
using Cti.Sip.Parsing;
using Cti.Sip.Serialization;

namespace Cti.Host.Tests.Gateways;

/// <summary>
/// A small UDP user agent server for call tests: answers INVITEs 200 with a G.711 SDP answer (or rings until
/// CANCEL when <see cref="AnswerStatus"/> is 0), answers BYE/CANCEL/OPTIONS, counts the RTP it receives.
/// </summary>
internal sealed partial class SipTestUas : IAsyncDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly UdpClient _rtp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<(SipRequest Request, long At)> _received = new();
    private readonly ConcurrentDictionary<string, (SipRequest Invite, IPEndPoint From, string Tag)> _ringing = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private readonly Task _rtpLoop;
    private int _rtpPackets;

    public SipTestUas()
    {
        _loop = Task.Run(ReceiveLoopAsync);
        _rtpLoop = Task.Run(RtpLoopAsync);
    }

    public int Port => ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;

    /// <summary>The final answer to new INVITEs; 0 rings until CANCEL.</summary>
    public int AnswerStatus { get; set; } = 200;

    public int RtpPackets => Volatile.Read(ref _rtpPackets);

    public IReadOnlyList<SipRequest> Received => [.. _received.Select(r => r.Request)];

    /// <summary>When (Stopwatch timestamp) the first <paramref name="method"/> arrived; long.MaxValue if none did.</summary>
    public long FirstAt(string method) => _received.Where(r => r.Request.Method == method).Select(r => r.At).DefaultIfEmpty(long.MaxValue).First();

    public string Uri(string user) => $"sip:{user}@127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public int Count(string method) => _received.Count(r => r.Request.Method == method);

    public SipRequest? FirstInvite => Received.FirstOrDefault(r => r.Method == SipMethods.Invite);

    private async Task ReceiveLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult datagram;
            try
            {
                datagram = await _udp.ReceiveAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (SipMessageParser.ParseDatagram(datagram.Buffer).Message is SipRequest request)
            {
                _received.Enqueue((request, System.Diagnostics.Stopwatch.GetTimestamp()));
                await OnRequestAsync(request, datagram.RemoteEndPoint);
            }
        }
    }

    private async Task OnRequestAsync(SipRequest request, IPEndPoint from)
    {
        switch (request.Method)
        {
            case SipMethods.Ack:
                return;
            case SipMethods.Invite when string.IsNullOrEmpty(request.To?.Tag):
                var tag = "uas" + Guid.NewGuid().ToString("N")[..8];
                await SendAsync(SipResponseFactory.Create(request, 100, "Trying"), from);
                if (AnswerStatus == 0)
                {
                    await SendAsync(WithContact(SipResponseFactory.Create(request, 180, "Ringing", tag)), from);
                    _ringing[request.CallId!] = (request, from, tag);
                    return;
                }

                await AnswerInviteAsync(request, from, tag, AnswerStatus);
                return;
            case SipMethods.Invite:
                await AnswerInviteAsync(request, from, request.To!.Tag!, 200);
                return;
            case SipMethods.Cancel:
                await SendAsync(SipResponseFactory.Create(request, 200, "OK"), from);
                if (_ringing.TryRemove(request.CallId!, out var pending))
                {
                    await SendAsync(SipResponseFactory.Create(pending.Invite, 487, "Request Terminated", pending.Tag), pending.From);
                }

                return;
            default:
                await SendAsync(SipResponseFactory.Create(request, 200, "OK"), from);
                return;
        }
    }

    private async Task AnswerInviteAsync(SipRequest invite, IPEndPoint from, string tag, int status)
    {
        var response = SipResponseFactory.Create(invite, status, status == 200 ? "OK" : null, tag);
        if (status == 200)
        {
            WithContact(response);
            var offered = AudioFormatsRegex().Match(Encoding.ASCII.GetString(invite.Body.Span)).Groups[1].Value.Split(' ');
            var codec = offered.FirstOrDefault(f => f is "8" or "0") ?? "8";
            var rtpPort = ((IPEndPoint)_rtp.Client.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture);
            var sdp = "v=0\r\no=uas 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
                $"m=audio {rtpPort} RTP/AVP {codec}\r\na=rtpmap:{codec} {(codec == "8" ? "PCMA" : "PCMU")}/8000\r\na=sendrecv\r\n";
            response.Headers.Set("Content-Type", "application/sdp");
            response.Body = Encoding.ASCII.GetBytes(sdp);
            await SendAsync(response, from);
            if (RemoteRtp(invite) is { } remote)
            {
                _ = SendRtpAsync(remote, byte.Parse(codec, CultureInfo.InvariantCulture));
            }

            return;
        }

        await SendAsync(response, from);
    }

    /// <summary>Talks for a few seconds (G.711 silence every 20 ms) so a relay in between has something to bridge.</summary>
    private async Task SendRtpAsync(IPEndPoint remote, byte payloadType)
    {
        var packet = new byte[12 + 160];
        packet[0] = 0x80;
        packet[1] = payloadType;
        packet[8] = 0x12;
        packet[9] = 0x34;
        for (var seq = 0; seq < 150 && !_stop.IsCancellationRequested; seq++)
        {
            packet[2] = (byte)(seq >> 8);
            packet[3] = (byte)seq;
            var timestamp = (uint)(seq * 160);
            packet[4] = (byte)(timestamp >> 24);
            packet[5] = (byte)(timestamp >> 16);
            packet[6] = (byte)(timestamp >> 8);
            packet[7] = (byte)timestamp;
            try
            {
                await _rtp.SendAsync(packet, remote);
                await Task.Delay(20, _stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }

    private static IPEndPoint? RemoteRtp(SipRequest invite)
    {
        var text = Encoding.ASCII.GetString(invite.Body.Span);
        var address = ConnectionRegex().Match(text);
        var port = AudioPortRegex().Match(text);
        return address.Success && port.Success
            ? new IPEndPoint(IPAddress.Parse(address.Groups[1].Value), int.Parse(port.Groups[1].Value, CultureInfo.InvariantCulture))
            : null;
    }

    private SipResponse WithContact(SipResponse response)
    {
        response.Headers.Set("Contact", $"<sip:uas@127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}>");
        return response;
    }

    private async Task SendAsync(SipResponse response, IPEndPoint to)
    {
        response.Headers.Set("Content-Length", response.Body.Length.ToString(CultureInfo.InvariantCulture));
        try
        {
            await _udp.SendAsync(SipMessageWriter.ToBytes(response), to);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException)
        {
            // Shutting down.
        }
    }

    private async Task RtpLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await _rtp.ReceiveAsync(_stop.Token);
                Interlocked.Increment(ref _rtpPackets);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        _rtp.Dispose();
        await Task.WhenAll(_loop, _rtpLoop);
        _stop.Dispose();
    }

    [GeneratedRegex(@"m=audio \d+ RTP/AVP ([\d ]+)")]
    private static partial Regex AudioFormatsRegex();

    [GeneratedRegex(@"c=IN IP4 ([\d.]+)")]
    private static partial Regex ConnectionRegex();

    [GeneratedRegex(@"m=audio (\d+) ")]
    private static partial Regex AudioPortRegex();
}
