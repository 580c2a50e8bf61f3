using System.Globalization;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cti.Dialer.Campaigns;
using Cti.Gateways.Lines;
using Cti.Gateways.Tests.TestKit;
using Cti.Calls;
using Cti.Campaigns;
using Cti.Host.Tests.Api;
using Cti.Host.Tests.Calls;
using Cti.Sip.Messages;
using Microsoft.Extensions.DependencyInjection;

namespace Cti.Host.Tests.Gateways;

/// <summary>
/// Gateway lines in real calls: the service in-process with one line on a socat pty driven by the modem simulator,
/// the line's audio endpoint and agent 1001 (static contact) played by in-test SIP user agents.
/// </summary>
[Collection(GatewayPtyCollection.Name)]
public sealed class GatewayCallTests : IAsyncLifetime
{
    private const string CallerNational = "13812345678";
    private const string CallerE164 = "+8613812345678";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly SipTestUas _audio = new();
    private readonly SipTestUas _agent = new();
    private SocatPty _pty = null!;
    private ModemSimulator.ModemSimulator _modem = null!;
    private TestHost _host = null!;
    private HttpClient _api = null!;

    public async Task InitializeAsync()
    {
        _pty = SocatPty.Create();
        await _pty.PlugAsync();
        _modem = new ModemSimulator.ModemSimulator(_pty.ModemPath);
        _modem.Start();
        var mediaMin = MediaPortBlock.Find(16);
        _host = await TestHost.StartAsync(
            null,
            "--Cti:Media:Address=127.0.0.1",
            $"--Cti:Media:MinPort={mediaMin.ToString(CultureInfo.InvariantCulture)}",
            $"--Cti:Media:MaxPort={(mediaMin + 15).ToString(CultureInfo.InvariantCulture)}",
            "--Cti:Media:RecordCalls=false",
            $"--Cti:Agents:1001:StaticContact={_agent.Uri("1001")}",
            "--Cti:Gateways:Lines:0:Name=gsm1",
            "--Cti:Gateways:Lines:0:Group=mobile",
            $"--Cti:Gateways:Lines:0:PortName={_pty.LinePath}",
            $"--Cti:Gateways:Lines:0:AudioEndpoint={_audio.Uri("ch1")}",
            "--Cti:Gateways:Lines:0:Queue=support",
            "--Cti:Gateways:Lines:0:InitTimeout=00:00:01",
            "--Cti:Gateways:Lines:0:CommandTimeout=00:00:01",
            "--Cti:Gateways:Lines:0:PollClccInterval=00:00:00.100",
            "--Cti:Gateways:Lines:0:HealthPollInterval=00:00:01",
            "--Cti:Gateways:Lines:0:ReopenInitialDelay=00:00:00.100",
            "--Cti:Gateways:Lines:0:ReopenMaxDelay=00:00:00.400");
        _api = _host.CreateClient();
        await Eventually.AssertAsync(() => Line.State.Status == GatewayLineStatus.Up, Wait, $"line up (now {Line.State.Status}: {Line.State.StatusReason})");
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _host.DisposeAsync();
        _modem.Dispose();
        _pty.Dispose();
        await _agent.DisposeAsync();
        await _audio.DisposeAsync();
    }

    private IGatewayLine Line => _host.App.Services.GetRequiredService<IGatewayLineRegistry>().Find("gsm1")!;

    [Fact]
    public async Task PlaceOutbound_LineGroupAnswered_AudioEndpointInvitedAgentBridgedCdrAnsweredWithLine()
    {
        await LoginAsync("1001");

        await PlaceAsync("g-answered", "+8613812345672");

        await Eventually.AssertAsync(() => _agent.Count(SipMethods.Ack) >= 1, Wait, "agent 1001 answered and acknowledged");
        Assert.Contains("ATD+8613812345672;", _modem.ReceivedCommands);
        var audioInvite = _audio.FirstInvite!;
        Assert.Equal("ch1", audioInvite.RequestUri.User);
        Assert.Equal("g-answered", audioInvite.Headers.Get(CallController.CallIdHeader));
        // Both legs talk through the relay: what the agent sends reaches the line's audio endpoint.
        await Eventually.AssertAsync(() => _audio.RtpPackets > 10, Wait, "agent audio relayed to the gateway channel");

        _modem.RemoteHangup();

        var cdr = await CallHostTests.WaitForCdrAsync(_api, "answered");
        Assert.Equal("g-answered", cdr["callId"]!.GetValue<string>());
        Assert.Equal("outbound", cdr["direction"]!.GetValue<string>());
        Assert.Equal("gsm1", cdr["line"]!.GetValue<string>());
        Assert.Null(cdr["trunk"]);
        Assert.Equal("+8613812345672", cdr["to"]!.GetValue<string>());
        Assert.Equal("1001", cdr["agent"]!.GetValue<string>());
        Assert.Equal("callee", cdr["hungUpBy"]!.GetValue<string>());
        await Eventually.AssertAsync(() => _agent.Count(SipMethods.Bye) == 1 && _audio.Count(SipMethods.Bye) == 1, Wait, "BYE to the agent and to the audio endpoint");
    }

    [Theory]
    [InlineData("+8613812345670", "busy", 17)]
    [InlineData("+8613812345671", "no-answer", 19)]
    [InlineData("+8613812345674", "invalid-number", 1)]
    [InlineData("+8613812345673", "network-failure", 41)]
    public async Task PlaceOutbound_LineGroupFailedDial_CdrDispositionFromResultCode(string number, string disposition, int q850)
    {
        await PlaceAsync("g-" + disposition, number);

        var cdr = await CallHostTests.WaitForCdrAsync(_api, disposition);
        Assert.Equal("g-" + disposition, cdr["callId"]!.GetValue<string>());
        Assert.Equal("gsm1", cdr["line"]!.GetValue<string>());
        Assert.Null(cdr["trunk"]);
        Assert.Equal(q850, cdr["q850Cause"]!.GetValue<int>());
        Assert.Null(cdr["answeredAt"]);
        Assert.Equal(0, _audio.Count(SipMethods.Invite));
        await Eventually.AssertAsync(() => Line.IsAvailable, Wait, "line free again");
    }

    [Fact]
    public async Task PlaceOutbound_NoFreeLineInGroup_NoCallAndNoCdr()
    {
        var registry = _host.App.Services.GetRequiredService<IGatewayLineRegistry>();
        await ((GatewayLine)Line).TakeOutOfServiceAsync("test", CancellationToken.None);
        Assert.Null(registry.PickFreeLine("mobile"));

        await PlaceAsync("g-none", "+8613812345672");

        await Task.Delay(500);
        Assert.DoesNotContain(_modem.ReceivedCommands, c => c.StartsWith("ATD", StringComparison.Ordinal));
        Assert.Equal(0, _host.App.Services.GetRequiredService<CallController>().ActiveCalls);
    }

    [Fact]
    public async Task Ring_WithClip_QueuedOfferedToAgentAnsweredWithAtaAndBridgedCdrFromE164()
    {
        await LoginAsync("1001");

        _modem.Ring(CallerNational, TimeSpan.FromMilliseconds(500));

        await Eventually.AssertAsync(() => _audio.Count(SipMethods.Ack) >= 1, Wait, "audio endpoint answered and acknowledged");
        var agentInvite = _agent.FirstInvite!;
        Assert.Equal(CallerE164, agentInvite.From!.Uri.User);
        Assert.Equal("support", agentInvite.Headers.Get(CallController.QueueHeader));
        Assert.Contains("ATA", _modem.ReceivedCommands);
        Assert.Equal("ch1", _audio.FirstInvite!.RequestUri.User);
        // Not before the agent answered: the PSTN caller only hears the network's ringback until then.
        Assert.True(_agent.FirstAt(SipMethods.Ack) < _audio.FirstAt(SipMethods.Invite), "the audio endpoint was INVITEd before the agent answered");
        await Eventually.AssertAsync(() => _agent.RtpPackets > 10, Wait, "gateway audio relayed to the agent");

        _modem.RemoteHangup();

        var cdr = await CallHostTests.WaitForCdrAsync(_api, "answered");
        Assert.Equal("inbound", cdr["direction"]!.GetValue<string>());
        Assert.Equal(CallerE164, cdr["from"]!.GetValue<string>());
        Assert.Equal("gsm1", cdr["line"]!.GetValue<string>());
        Assert.Null(cdr["trunk"]);
        Assert.Equal("support", cdr["queue"]!.GetValue<string>());
        Assert.Equal("1001", cdr["agent"]!.GetValue<string>());
        Assert.Equal("caller", cdr["hungUpBy"]!.GetValue<string>());
        await Eventually.AssertAsync(() => _agent.Count(SipMethods.Bye) == 1 && _audio.Count(SipMethods.Bye) == 1, Wait, "BYE to the agent and to the audio endpoint");
    }

    [Fact]
    public async Task PlaceOutbound_LineDiesDuringTheCall_AgentAndAudioReleasedCdrNetworkFailure()
    {
        await LoginAsync("1001");
        await PlaceAsync("g-dies", "+8613812345672");
        await Eventually.AssertAsync(() => _agent.Count(SipMethods.Ack) >= 1, Wait, "agent 1001 answered and acknowledged");

        // The USB cable is pulled mid-call.
        _modem.Dispose();
        _pty.Unplug();

        var cdr = await CallHostTests.WaitForCdrAsync(_api, "network-failure");
        Assert.Equal("g-dies", cdr["callId"]!.GetValue<string>());
        Assert.Equal("gsm1", cdr["line"]!.GetValue<string>());
        Assert.Equal("system", cdr["hungUpBy"]!.GetValue<string>());
        Assert.NotNull(cdr["answeredAt"]);
        await Eventually.AssertAsync(() => _agent.Count(SipMethods.Bye) == 1 && _audio.Count(SipMethods.Bye) == 1, Wait, "BYE to the agent and to the audio endpoint");
    }

    [Fact]
    public async Task Ring_CallerHangsUpWhileQueued_AbandonedCdrNoAtaNoAudioLeg()
    {
        _modem.Ring(CallerNational, TimeSpan.FromMilliseconds(500));
        var calls = _host.App.Services.GetRequiredService<CallController>();
        await Eventually.AssertAsync(() => calls.ActiveCalls == 1, Wait, "inbound call queued");

        _modem.RemoteHangup();

        var cdr = await CallHostTests.WaitForCdrAsync(_api, "abandoned");
        Assert.Equal("inbound", cdr["direction"]!.GetValue<string>());
        Assert.Equal(CallerE164, cdr["from"]!.GetValue<string>());
        Assert.Equal("gsm1", cdr["line"]!.GetValue<string>());
        Assert.Equal("support", cdr["queue"]!.GetValue<string>());
        Assert.Equal("caller", cdr["hungUpBy"]!.GetValue<string>());
        Assert.Null(cdr["answeredAt"]);
        Assert.DoesNotContain("ATA", _modem.ReceivedCommands);
        Assert.Equal(0, _audio.Count(SipMethods.Invite));
        Assert.Equal(0, calls.ActiveCalls);
    }

    private async Task PlaceAsync(string callId, string number)
    {
        var masked = number[..6] + "****" + number[^4..];
        var request = new DialRequest(callId, "demo-renewals", "lead-" + callId, number, masked, "+861088880000", "mobile", TimeSpan.FromSeconds(10), null, false, 1);
        var campaign = _host.App.Services.GetRequiredService<CampaignService>().Find("demo-renewals")
            ?? throw new InvalidOperationException("the demo campaign is not loaded");
        await _host.App.Services.GetRequiredService<CallController>().PlaceOutboundAsync(request, campaign);
    }

    private async Task LoginAsync(string agent)
    {
        using var response = await _api.PostAsJsonAsync(new Uri($"/api/v1/agents/{agent}/state", UriKind.Relative), new { action = "login" });
        Assert.True(response.IsSuccessStatusCode, $"login {agent}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
