using System.Net;
using Cti.Platform.Metrics;
using Cti.Registrar;
using Cti.Platform.Security;
using Cti.Host.SipRouting;
using Cti.Platform.Storage;
using Cti.Sip.Auth;
using Cti.Sip.Messages;
using Cti.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Host.Tests.SipRouting;

public sealed class SipRequestDispatcherTests
{
    private static readonly SipEndPoint Source = new(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.20"), 5060));
    private readonly FakeTimeProvider _time = new();
    private readonly CtiMetrics _metrics = new();
    private readonly AuthFailureTracker _bans;
    private readonly SipRequestDispatcher _dispatcher;

    public SipRequestDispatcherTests()
    {
        _bans = new AuthFailureTracker(new BanOptions { MaxFailures = 1 }, _time);
        var engine = new RegistrarEngine(new RegistrarState(new RegistrarOptions(), _time), new NullStore(), _metrics, _time, NullLogger<RegistrarEngine>.Instance);
        var register = new RegisterRequestHandler(
            new DigestAuthenticator(new DigestAuthOptions { Realm = "cti.local" }, _time),
            new AgentDirectory([], "cti.local"),
            engine,
            _bans,
            _metrics,
            _time,
            NullLogger<RegisterRequestHandler>.Instance);
        _dispatcher = new SipRequestDispatcher(register, _bans, _metrics);
    }

    [Fact]
    public async Task DispatchAsync_Options_200WithCapabilities()
    {
        var response = await _dispatcher.DispatchAsync(Request("OPTIONS"), Source, CancellationToken.None);

        Assert.Equal(200, response!.StatusCode);
        Assert.Equal("INVITE, ACK, BYE, CANCEL, OPTIONS, REGISTER, REFER, NOTIFY, INFO", response.Headers.Get("Allow"));
        Assert.Equal("application/sdp", response.Headers.Get("Accept"));
        Assert.True(response.Headers.Contains("Supported"));
        Assert.NotNull(response.To?.Tag);
    }

    [Theory]
    [InlineData("INVITE", null, 480)]
    [InlineData("INVITE", "abc", 481)]
    [InlineData("BYE", "abc", 481)]
    [InlineData("OPTIONS", "abc", 481)]
    [InlineData("CANCEL", null, 481)]
    public async Task DispatchAsync_NoDialogsYet_TemporaryAnswers(string method, string? toTag, int expected)
    {
        var response = await _dispatcher.DispatchAsync(Request(method, toTag), Source, CancellationToken.None);

        Assert.Equal(expected, response!.StatusCode);
    }

    [Fact]
    public async Task DispatchAsync_Ack_NoResponse() =>
        Assert.Null(await _dispatcher.DispatchAsync(Request("ACK", "abc"), Source, CancellationToken.None));

    [Fact]
    public async Task DispatchAsync_BannedSource_403AndCounted()
    {
        _bans.RecordFailure(Source.Remote.Address);

        var response = await _dispatcher.DispatchAsync(Request("REGISTER"), Source, CancellationToken.None);

        Assert.Equal(403, response!.StatusCode);
        Assert.Equal(1, _metrics.BannedRequestsRejected.Value);
    }

    private static SipRequest Request(string method, string? toTag = null)
    {
        var request = new SipRequest(method, SipUri.Parse("sip:cti.local"));
        request.Headers.Add("Via", "SIP/2.0/UDP 192.0.2.20;branch=z9hG4bK1");
        request.Headers.Add("Max-Forwards", "70");
        request.Headers.Add("From", "<sip:1001@cti.local>;tag=f");
        request.Headers.Add("To", toTag is null ? "<sip:cti.local>" : $"<sip:cti.local>;tag={toTag}");
        request.Headers.Add("Call-ID", "c1");
        request.Headers.Add("CSeq", $"1 {method}");
        return request;
    }

    private sealed class NullStore : IBindingStore
    {
        public IReadOnlyList<RegistrarBinding> LoadAll() => [];

        public void ReplaceAors(IReadOnlyList<(string Aor, IReadOnlyList<RegistrarBinding> Bindings)> changes)
        {
        }
    }
}
