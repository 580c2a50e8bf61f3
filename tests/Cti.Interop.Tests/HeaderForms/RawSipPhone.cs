using System.Diagnostics;
using System.Text;
using Cti.Interop.Tests.Infrastructure;

namespace Cti.Interop.Tests.HeaderForms;

/// <summary>
/// A phone written by hand over a raw UDP socket or TCP connection: it sends REGISTERs whose every byte the test
/// chooses, so header spellings no test tool writes can be sent to the real service.
/// </summary>
internal sealed class RawSipPhone : IDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(5);
    private readonly SipDatagramClient? _udp;
    private readonly SipStreamClient? _tcp;
    private readonly int _servicePort;
    private readonly string _callId = Guid.NewGuid().ToString("N") + "@127.0.0.1";
    private readonly string _fromTag = Guid.NewGuid().ToString("N")[..10];

    private RawSipPhone(SipDatagramClient? udp, SipStreamClient? tcp, int servicePort)
    {
        _udp = udp;
        _tcp = tcp;
        _servicePort = servicePort;
    }

    /// <summary>"udp" or "tcp".</summary>
    public string Transport => _udp is null ? "tcp" : "udp";

    public int LocalPort => _udp?.LocalPort ?? _tcp!.LocalPort;

    /// <summary>The contact this phone registers: its own address with the transport it uses.</summary>
    public string ContactUri(string user) => $"sip:{user}@127.0.0.1:{LocalPort};transport={Transport}";

    /// <summary>The Request-URI, also the digest-uri of the answers.</summary>
    public string RegistrarUri => $"sip:127.0.0.1:{_servicePort}";

    public static async Task<RawSipPhone> ConnectAsync(string transport, int servicePort) => transport switch
    {
        "udp" => new RawSipPhone(new SipDatagramClient(), null, servicePort),
        "tcp" => new RawSipPhone(null, await SipStreamClient.ConnectAsync(servicePort, ReplyTimeout), servicePort),
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, "udp or tcp"),
    };

    /// <summary>
    /// Sends one REGISTER of this phone's registration (same Call-ID and From tag, the given CSeq) and returns the
    /// final answer, or null when none came within 5 s. <paramref name="to"/> replaces the To value when given.
    /// </summary>
    public async Task<SipReply?> RegisterAsync(string user, int cseq, string? authorization, string? to = null)
    {
        var message = new StringBuilder()
            .Append($"REGISTER {RegistrarUri} SIP/2.0\r\n")
            .Append($"Via: SIP/2.0/{Transport.ToUpperInvariant()} 127.0.0.1:{LocalPort};branch=z9hG4bK{Guid.NewGuid():N};rport\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append($"From: <sip:{user}@127.0.0.1>;tag={_fromTag}\r\n")
            .Append($"To: {to ?? $"<sip:{user}@127.0.0.1>"}\r\n")
            .Append($"Call-ID: {_callId}\r\n")
            .Append($"CSeq: {cseq} REGISTER\r\n")
            .Append($"Contact: <{ContactUri(user)}>\r\n")
            .Append("Expires: 300\r\n");
        if (authorization is not null)
        {
            message.Append($"Authorization: {authorization}\r\n");
        }

        message.Append("User-Agent: Cti header form test\r\nContent-Length: 0\r\n\r\n");
        var bytes = Encoding.UTF8.GetBytes(message.ToString());
        if (_udp is not null)
        {
            await _udp.SendAsync(bytes, _servicePort);
        }
        else
        {
            await _tcp!.SendAsync(bytes);
        }

        return await ReceiveFinalAsync();
    }

    public void Dispose()
    {
        _udp?.Dispose();
        _tcp?.Dispose();
    }

    private async Task<SipReply?> ReceiveFinalAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ReplyTimeout)
        {
            SipReply? reply;
            try
            {
                reply = _udp is not null
                    ? await _udp.ReceiveFinalAsync(ReplyTimeout - clock.Elapsed)
                    : await _tcp!.ReceiveFinalAsync(ReplyTimeout - clock.Elapsed);
            }
            catch (FormatException)
            {
                // A request from the service (its OPTIONS ping of registered contacts) is no answer: keep waiting.
                continue;
            }

            return reply;
        }

        return null;
    }
}
