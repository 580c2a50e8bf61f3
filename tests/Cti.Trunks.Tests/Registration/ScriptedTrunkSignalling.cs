using System.Net;
using System.Threading.Channels;
using Cti.Trunks.Registration;
using Cti.Sip.Messages;
using Cti.Sip.Transport;

namespace Cti.Trunks.Tests.Registration;

/// <summary>Answers each REGISTER synchronously with a scripted responder and records when (fake time) it was sent.</summary>
internal sealed class ScriptedTrunkSignalling : ITrunkSignalling
{
    public static readonly IPEndPoint Listener = new(IPAddress.Loopback, 5080);

    private readonly TimeProvider _time;
    private readonly Channel<SentRequest> _sent = Channel.CreateUnbounded<SentRequest>();

    public ScriptedTrunkSignalling(TimeProvider time, Func<SipRequest, SipResponse> responder)
    {
        _time = time;
        Responder = responder;
    }

    public Func<SipRequest, SipResponse> Responder { get; set; }

    public List<SentRequest> All { get; } = [];

    public ChannelReader<SentRequest> Sent => _sent.Reader;

    public IPEndPoint? ListenEndPoint(string profile, SipTransportProtocol transport) => Listener;

    public Task<SipResponse> SendAsync(SipRequest request, SipEndPoint destination, CancellationToken cancellationToken)
    {
        var sent = new SentRequest(request, destination, _time.GetUtcNow());
        lock (All)
        {
            All.Add(sent);
        }

        var response = Responder(request);
        _sent.Writer.TryWrite(sent);
        return Task.FromResult(response);
    }

    public static SipResponse Ok(SipRequest request, uint? contactExpires = null)
    {
        var response = SipResponseFactory.Create(request, 200, null, "reg");
        if (request.Expires is > 0)
        {
            var expires = contactExpires ?? request.Expires;
            response.Headers.Add(SipHeaderNames.Contact, $"{request.Headers.Get(SipHeaderNames.Contact)};expires={expires}");
        }

        return response;
    }

    internal sealed record SentRequest(SipRequest Request, SipEndPoint Destination, DateTimeOffset At);
}
