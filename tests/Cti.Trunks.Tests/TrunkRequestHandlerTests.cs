using System.Net;
using Cti.Registrar;
using Cti.Trunks;
using Cti.Sip.Messages;
using Cti.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace Cti.Trunks.Tests;

public sealed class TrunkRequestHandlerTests
{
    private static readonly IPEndPoint TrunkListener = new(IPAddress.Loopback, 5080);

    private static TrunkRequestHandler CreateHandler()
    {
        var sip = new SipOptions();
        sip.Profiles["agents"] = new SipProfileOptions { Address = "127.0.0.1", Port = 5060 };
        sip.Profiles["trunks"] = new SipProfileOptions { Address = "127.0.0.1", Port = 5080 };
        sip.Profiles["spare"] = new SipProfileOptions { Address = "0.0.0.0", Port = 5070 };
        var directory = new TrunkDirectory([TrunkConfig.From(TrunksOptionsValidatorTests.ValidTrunk(), new Cti.Numbers.PhoneNumberNormalizer())]);
        var metrics = new TrunkMetrics(Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry()));
        return new TrunkRequestHandler(directory, sip, metrics, NullLogger<TrunkRequestHandler>.Instance);
    }

    [Theory]
    [InlineData("127.0.0.1", 5080, true)]
    [InlineData("127.0.0.1", 5060, false)]
    [InlineData("127.0.0.2", 5080, false)]
    [InlineData("127.0.0.1", 5070, false)]
    public void Claims_OnlyTheTrunkProfileListener(string address, int port, bool expected) =>
        Assert.Equal(expected, CreateHandler().Claims(new IPEndPoint(IPAddress.Parse(address), port)));

    [Fact]
    public async Task HandleAsync_Bye_481()
    {
        var response = await CreateHandler().HandleAsync(Request(SipMethods.Bye), Source("127.0.0.1"), CancellationToken.None);

        Assert.Equal(481, response?.StatusCode);
    }

    [Fact]
    public async Task HandleAsync_Ack_NoAnswer() =>
        Assert.Null(await CreateHandler().HandleAsync(Request(SipMethods.Ack), Source("127.0.0.1"), CancellationToken.None));

    [Fact]
    public async Task HandleAsync_InviteFromOutsideAllowFrom_403()
    {
        var response = await CreateHandler().HandleAsync(Request(SipMethods.Invite), Source("192.0.2.1"), CancellationToken.None);

        Assert.Equal(403, response?.StatusCode);
    }

    [Fact]
    public async Task HandleAsync_InviteToKnownDidViaToUser_480()
    {
        var request = new SipRequest(SipMethods.Invite, SipUri.Parse("sip:127.0.0.1:5080"));
        AddHeaders(request, SipMethods.Invite, "<sip:100@cti.local>");

        var response = await CreateHandler().HandleAsync(request, Source("127.0.0.1"), CancellationToken.None);

        Assert.Equal(480, response?.StatusCode);
        Assert.Equal(TrunkRequestHandler.CallControlUnavailable, response?.ReasonPhrase);
    }

    private static SipEndPoint Source(string address) =>
        new(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Parse(address), 5090), TrunkListener);

    private static SipRequest Request(string method)
    {
        var request = new SipRequest(method, SipUri.Parse("sip:100@127.0.0.1:5080"));
        AddHeaders(request, method, "<sip:100@cti.local>");
        return request;
    }

    private static void AddHeaders(SipRequest request, string method, string to)
    {
        request.Headers.Add(SipHeaderNames.Via, "SIP/2.0/UDP 127.0.0.1:5090;branch=z9hG4bKtest");
        request.Headers.Add(SipHeaderNames.From, "<sip:13812345678@carrier.example>;tag=c1");
        request.Headers.Add(SipHeaderNames.To, to);
        request.Headers.Add(SipHeaderNames.CallId, "call-1");
        request.Headers.Add(SipHeaderNames.CSeq, $"1 {method}");
    }
}
