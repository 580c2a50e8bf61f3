using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Cti.Interop.Tests.Calls;
using Cti.Interop.Tests.Infrastructure;

namespace Cti.Interop.Tests.Gateways;

/// <summary>
/// Gateway lines in real calls, every party a separate program: the service process with one line on a socat pty
/// pair (its hex dump shows the AT commands on the wire), the modem simulator process on the module's end, SIPp as
/// the line's SIP audio endpoint (answers at once and echoes RTP), and a registered baresip softphone as agent 1001.
/// </summary>
public sealed class GatewayCallInteropTests
{
    private const string LineName = "gsm1";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    /// <summary>How long the bridged call lasts before it is hung up (about 75 RTP packets each way).</summary>
    private static readonly TimeSpan TalkTime = TimeSpan.FromSeconds(1.5);

    [Fact]
    public async Task ProgressiveCampaignOnLineGroup_LineDialsAudioEndpointInvitedAgentBridged_CdrAnsweredWithLine()
    {
        using var tap = await SerialLineTap.StartAsync();
        await using var modem = await ModemSimulatorProcess.StartAsync(tap.ModemPath);
        await using var audio = await SippRunner.StartServerAsync(
            RepoPaths.Scenario("agent-answer.xml"), new SippRunner.CallOptions { RtpEcho = true }, lifetime: TimeSpan.FromSeconds(90));
        await using var bed = await CallTestBed.StartAsync(customize: json =>
        {
            var cti = json["Cti"]!.AsObject();
            AddLine(cti, tap.LinePath, audio.Contact("ch1"), queue: null);
            cti["Trunks"] = new JsonObject { ["demo-carrier"] = new JsonObject { ["OptionsInterval"] = "00:00:00" } };
            cti["Dialer"] = new JsonObject
            {
                ["Campaigns"] = new JsonObject
                {
                    ["demo-renewals"] = new JsonObject
                    {
                        ["Agents"] = new JsonArray("1001"),
                        ["LineGroups"] = new JsonArray("mobile"),
                        ["WindowStart"] = "00:00",
                        ["WindowEnd"] = "23:59",
                        ["InitialState"] = "paused",
                    },
                },
            };
        });
        await using var agent = await bed.StartAgentAsync("1001");
        await bed.LoginAsync("1001");
        await WaitForLineAsync(bed, "Up", "Idle");

        // A number ending in 2: the simulated module answers the dial after a short ringing.
        await UploadAsync(bed, "13812345672");
        using (var start = await bed.Api.PostAsync("/api/v1/campaigns/demo-renewals/start", null))
        {
            Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        }

        await agent.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, Wait);
        Assert.Contains("ATD+8613812345672;", tap.CommandsToModem);
        await WaitForLineAsync(bed, "Up", "Active");
        await Task.Delay(TalkTime);

        await agent.HangUpAsync();

        var cdr = await SingleCdrAsync(bed);
        Assert.Equal("outbound", (string?)cdr["direction"]);
        Assert.Equal("answered", (string?)cdr["disposition"]);
        Assert.Equal(LineName, (string?)cdr["line"]);
        Assert.Null((string?)cdr["trunk"]);
        Assert.Equal("1001", (string?)cdr["agent"]);
        Assert.Equal("+8613812345672", (string?)cdr["to"]);
        Assert.Equal("demo-renewals", (string?)cdr["campaign"]);
        Assert.Equal("agent", (string?)cdr["hungUpBy"]);
        Assert.NotNull((string?)cdr["answeredAt"]);
        // The agent's BYE hangs the line up and releases the gateway's audio leg.
        await bed.WaitUntilAsync(() => Task.FromResult(HungUpAfter(tap, "ATD")), Wait, "ATH/AT+CHUP on the line after the dial");
        await WaitForLineAsync(bed, "Up", "Idle");
        await agent.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, Wait);
        var served = await audio.StopAsync();
        Assert.True(served.Successful == 1 && served.Failed == 0, "the audio endpoint: one INVITE answered and one BYE\n" + served);
        Assert.True(served.RtpPacketsEchoed > 0, $"echoed {served.RtpPacketsEchoed}\n{served}");
        await AssertRelayedBothWaysAsync(bed);
        Assert.Equal(1, await bed.MetricAsync($"cti_gateway_calls_total{{line=\"{LineName}\",outcome=\"answered\"}}"));
    }

    [Fact]
    public async Task RingWithClip_QueuedAgentAnswers_AtaAudioEndpointInvited_CdrInboundFromE164WithLine()
    {
        using var tap = await SerialLineTap.StartAsync();
        await using var modem = await ModemSimulatorProcess.StartAsync(tap.ModemPath);
        await using var audio = await SippRunner.StartServerAsync(
            RepoPaths.Scenario("agent-answer.xml"), new SippRunner.CallOptions { RtpEcho = true }, lifetime: TimeSpan.FromSeconds(90));
        await using var bed = await CallTestBed.StartAsync(customize: json =>
            AddLine(json["Cti"]!.AsObject(), tap.LinePath, audio.Contact("ch1"), queue: "support"));
        await using var agent = await bed.StartAgentAsync("1001");
        await bed.LoginAsync("1001");
        await WaitForLineAsync(bed, "Up", "Idle");

        // National number as the module reports it; the service reads it in the default region (CN).
        await modem.SendAsync("ring 13812345678");

        // Auto-answer: the phone reports the call once established; its peer is the caller id the ACD offered.
        var established = await agent.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, Wait);
        Assert.Contains("+8613812345678", established.PeerUri, StringComparison.Ordinal);
        await bed.WaitUntilAsync(() => Task.FromResult(tap.CommandsToModem.Contains("ATA")), Wait, "ATA on the line");
        await WaitForLineAsync(bed, "Up", "Active");
        await Task.Delay(TalkTime);

        // The caller hangs up: NO CARRIER from the module ends the call.
        await modem.SendAsync("hangup");

        var cdr = await SingleCdrAsync(bed);
        Assert.Equal("inbound", (string?)cdr["direction"]);
        Assert.Equal("answered", (string?)cdr["disposition"]);
        Assert.Equal("+8613812345678", (string?)cdr["from"]);
        Assert.Equal(LineName, (string?)cdr["line"]);
        Assert.Null((string?)cdr["trunk"]);
        Assert.Null((string?)cdr["did"]);
        Assert.Equal("support", (string?)cdr["queue"]);
        Assert.Equal("1001", (string?)cdr["agent"]);
        Assert.Equal("caller", (string?)cdr["hungUpBy"]);
        await agent.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, Wait);
        await WaitForLineAsync(bed, "Up", "Idle");
        var served = await audio.StopAsync();
        Assert.True(served.Successful == 1 && served.Failed == 0, "the audio endpoint: one INVITE answered and one BYE\n" + served);
        Assert.True(served.RtpPacketsEchoed > 0, $"echoed {served.RtpPacketsEchoed}\n{served}");
        await AssertRelayedBothWaysAsync(bed);
        Assert.Equal(1, await bed.MetricAsync($"cti_gateway_calls_total{{line=\"{LineName}\",outcome=\"inbound-answered\"}}"));
    }

    /// <summary>One simulated line in group "mobile", with short timeouts so the test never waits long.</summary>
    [Fact]
    public async Task AgentDialsFromThePhone_ManualCallsOnTheLineGroup_LineDialsAndBridges_CdrWithLine()
    {
        using var tap = await SerialLineTap.StartAsync();
        await using var modem = await ModemSimulatorProcess.StartAsync(tap.ModemPath);
        await using var audio = await SippRunner.StartServerAsync(
            RepoPaths.Scenario("agent-answer.xml"), new SippRunner.CallOptions { RtpEcho = true }, lifetime: TimeSpan.FromSeconds(90));
        await using var bed = await CallTestBed.StartAsync(customize: json =>
        {
            var cti = json["Cti"]!.AsObject();
            AddLine(cti, tap.LinePath, audio.Contact("ch1"), queue: null);
            cti["Trunks"] = new JsonObject { ["demo-carrier"] = new JsonObject { ["OptionsInterval"] = "00:00:00" } };
            cti["Calls"] = new JsonObject { ["ManualCallTrunk"] = "mobile", ["ManualCallerId"] = "+861088880000" };
        });
        await using var agent = await bed.StartAgentAsync("1001");
        await bed.LoginAsync("1001");
        await WaitForLineAsync(bed, "Up", "Idle");

        await agent.DialAsync($"sip:13812345672@127.0.0.1:{bed.Host.SipPort}");
        await bed.WaitUntilAsync(
            () => Task.FromResult(agent.Events.Any(e => e.Type == BaresipAgent.EventTypes.CallEstablished)),
            Wait,
            "the agent's call established\n" + agent.Output);
        Assert.Contains("ATD+8613812345672;", tap.CommandsToModem);
        await WaitForLineAsync(bed, "Up", "Active");
        await Task.Delay(TalkTime);
        await agent.HangUpAsync();

        var cdr = await SingleCdrAsync(bed);
        Assert.Equal("outbound", (string?)cdr["direction"]);
        Assert.Equal("answered", (string?)cdr["disposition"]);
        Assert.Equal(LineName, (string?)cdr["line"]);
        Assert.Null((string?)cdr["trunk"]);
        Assert.Equal("1001", (string?)cdr["agent"]);
        Assert.Equal("+8613812345672", (string?)cdr["to"]);
        Assert.Equal("+861088880000", (string?)cdr["from"]);
        Assert.Equal("agent", (string?)cdr["hungUpBy"]);
        await bed.WaitUntilAsync(() => Task.FromResult(HungUpAfter(tap, "ATD")), Wait, "ATH/AT+CHUP on the line after the dial");
        await WaitForLineAsync(bed, "Up", "Idle");
        var served = await audio.StopAsync();
        Assert.True(served.Successful == 1 && served.Failed == 0, "the audio endpoint: one INVITE answered and one BYE\n" + served);
    }

    private static void AddLine(JsonObject cti, string portName, string audioEndpoint, string? queue)
    {
        var line = new JsonObject
        {
            ["Name"] = LineName,
            ["Group"] = "mobile",
            ["PortName"] = portName,
            ["AudioEndpoint"] = audioEndpoint,
            ["InitTimeout"] = "00:00:02",
            ["CommandTimeout"] = "00:00:02",
            ["PollClccInterval"] = "00:00:00.200",
            ["ReopenInitialDelay"] = "00:00:00.200",
            ["ReopenMaxDelay"] = "00:00:01",
        };
        if (queue is not null)
        {
            line["Queue"] = queue;
        }

        cti["Gateways"] = new JsonObject { ["Lines"] = new JsonArray(line) };
    }

    private static async Task WaitForLineAsync(CallTestBed bed, string status, string callState)
    {
        JsonObject? last = null;
        await bed.WaitUntilAsync(
            async () =>
            {
                last = await bed.Api.GetFromJsonAsync<JsonObject>($"/api/v1/lines/{LineName}");
                return (string?)last!["status"] == status && (string?)last["callState"] == callState;
            },
            Wait,
            $"line {status}/{callState} (last {last?.ToJsonString()})");
    }

    /// <summary>
    /// Agent and gateway channel talked through the relay: baresip's audio reached SIPp (to the caller side, the
    /// line) and SIPp's echo came back to baresip (the callee side). The counters are added when the call ends.
    /// </summary>
    private static async Task AssertRelayedBothWaysAsync(CallTestBed bed)
    {
        var toLine = await bed.MetricAsync("cti_rtp_packets_relayed_total{direction=\"to_caller\"}");
        var toAgent = await bed.MetricAsync("cti_rtp_packets_relayed_total{direction=\"to_callee\"}");
        Assert.True(toLine > 20 && toAgent > 20, $"relayed to the line {toLine}, to the agent {toAgent}");
    }

    private static async Task<JsonObject> SingleCdrAsync(CallTestBed bed)
    {
        var cdrs = await bed.WaitForCdrsAsync(1, Wait);
        Assert.True(cdrs.Count == 1, $"{cdrs.Count} CDRs: {cdrs.ToJsonString()}\n{bed.Host.Output}");
        return cdrs[0]!.AsObject();
    }

    private static bool HungUpAfter(SerialLineTap tap, string prefix)
    {
        var commands = tap.CommandsToModem;
        var dial = commands.ToList().FindLastIndex(c => c.StartsWith(prefix, StringComparison.Ordinal));
        return dial >= 0 && commands.Skip(dial + 1).Any(c => c is "ATH" or "AT+CHUP");
    }

    private static async Task UploadAsync(CallTestBed bed, params string[] numbers)
    {
        var csv = "phone,name\n" + string.Join("\n", numbers.Select((n, i) => $"{n},Lead {i}")) + "\n";
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await bed.Api.PostAsync("/api/v1/campaigns/demo-renewals/lists?phone=phone&name=name&list=gw", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
