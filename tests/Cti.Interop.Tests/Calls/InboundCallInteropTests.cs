using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cti.Interop.Tests.Infrastructure;

namespace Cti.Interop.Tests.Calls;

/// <summary>
/// Inbound calls end to end with real programs on loopback: SIPp as the carrier calling DID 100 (with RTP from a
/// pcap), baresip softphones as agents (registered, auto-answer) and SIPp UASes as agents on static contacts.
/// </summary>
public sealed class InboundCallInteropTests
{
    private static readonly TimeSpan AgentEventTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task CarrierCall_ReachesStrategyAgent_RelaysRtpBothWays_RecordsBothChannels_WritesCdr()
    {
        await using var bed = await CallTestBed.StartAsync(strategy: "fixed-order");
        await using var first = await bed.StartAgentAsync("1001");
        await using var second = await bed.StartAgentAsync("1002");
        await bed.LoginAsync("1001", "1002");

        var carrier = await CallDid100Async(bed, "carrier-call.xml", TimeSpan.FromSeconds(4));

        Assert.True(carrier.ExitCode == 0 && carrier.Successful == 1, carrier + "\n" + bed.Host.Output);
        var cdr = Assert.Single(await bed.WaitForCdrsAsync(1))!.AsObject();
        Assert.Equal("answered", (string?)cdr["disposition"]);
        Assert.Equal("1001", (string?)cdr["agent"]); // fixed order: the first agent
        Assert.Equal("support", (string?)cdr["queue"]);
        Assert.Equal("100", (string?)cdr["did"]);
        Assert.Equal("demo-carrier", (string?)cdr["trunk"]);
        Assert.Equal("caller", (string?)cdr["hungUpBy"]);
        Assert.StartsWith("+49", (string?)cdr["from"], StringComparison.Ordinal);
        Assert.True((double)cdr["talkSeconds"]! > 2, cdr.ToJsonString());
        Assert.NotNull(first.Events.FirstOrDefault(e => e.Type == BaresipAgent.EventTypes.CallEstablished));
        Assert.Null(second.Events.FirstOrDefault(e => e.Type == BaresipAgent.EventTypes.CallIncoming));

        // Both legs' audio reached the relay: the caller's pcap in the left channel, baresip's tone in the right.
        var recording = (string?)cdr["recordingPath"];
        Assert.True(recording is not null && File.Exists(recording), cdr.ToJsonString());
        var (left, right) = StereoWav.ChannelEnergy(recording!);
        Assert.True(left > 1e6, $"caller channel energy {left}");
        Assert.True(right > 1e6, $"agent channel energy {right}");
        Assert.True(await bed.MetricAsync("cti_rtp_packets_relayed_total{direction=\"to_callee\"}") > 50);
        Assert.True(await bed.MetricAsync("cti_rtp_packets_relayed_total{direction=\"to_caller\"}") > 50);
        Assert.True(await bed.MetricAsync("cti_recording_bytes_total") > 8000);
        Assert.Equal(0, await bed.MetricAsync("cti_calls_active"));

        // One correlation id from offer to CDR.
        var events = await bed.EventsAsync("call.offered,call.queued,call.ringing,call.answered,call.ended,cdr.written");
        var callId = (string?)cdr["callId"];
        Assert.Equal(
            ["com.cti.call.offered", "com.cti.call.queued", "com.cti.call.ringing", "com.cti.call.answered", "com.cti.call.ended", "com.cti.cdr.written"],
            events.Where(e => (string?)e!["callid"] == callId).Select(e => (string)e!["type"]!).ToArray());
    }

    [Fact]
    public async Task CallerHangsUpWhileRinging_AbandonedCdr_NoAgentLeftRinging()
    {
        await using var bed = await CallTestBed.StartAsync();
        await using var agent = await bed.StartAgentAsync("1001", answerMode: "manual");
        await bed.LoginAsync("1001");

        var carrier = await CallDid100Async(bed, "carrier-abandon.xml", timeoutSeconds: 30);

        Assert.True(carrier.ExitCode == 0 && carrier.Successful == 1, carrier + "\n" + bed.Host.Output);
        var cdr = Assert.Single(await bed.WaitForCdrsAsync(1))!.AsObject();
        Assert.Equal("abandoned", (string?)cdr["disposition"]);
        Assert.Equal("caller", (string?)cdr["hungUpBy"]);
        Assert.Equal(487, (int?)cdr["sipCode"]);
        await agent.WaitForEventAsync(BaresipAgent.EventTypes.CallIncoming, AgentEventTimeout);
        await agent.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, AgentEventTimeout);
        await bed.WaitUntilAsync(async () => (string?)(await bed.AgentStateAsync("1001"))["work"] == "idle", AgentEventTimeout, "agent idle again");
    }

    [Fact]
    public async Task AgentDoesNotAnswer_NextAgentGetsTheCall_FirstGoesNotReadyAfterLimit()
    {
        await using var bed = await CallTestBed.StartAsync(ringTimeout: TimeSpan.FromSeconds(3), noAnswerLimit: 1);
        await using var silent = await bed.StartAgentAsync("1001", answerMode: "manual");
        await using var answering = await bed.StartAgentAsync("1002");
        await bed.LoginAsync("1001", "1002");

        var carrier = await CallDid100Async(bed, "carrier-call.xml", TimeSpan.FromSeconds(2));

        Assert.True(carrier.ExitCode == 0 && carrier.Successful == 1, carrier + "\n" + bed.Host.Output);
        var cdr = Assert.Single(await bed.WaitForCdrsAsync(1))!.AsObject();
        Assert.Equal("answered", (string?)cdr["disposition"]);
        Assert.Equal("1002", (string?)cdr["agent"]);
        Assert.True((double)cdr["ringSeconds"]! >= 0);
        await silent.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, AgentEventTimeout);
        var state = await bed.AgentStateAsync("1001");
        Assert.Equal("not_ready", (string?)state["availability"]);
        Assert.Equal("no-answer", (string?)state["reason"]);
    }

    [Fact]
    public async Task AgentRejectsWith486_NextAgentGetsTheCall()
    {
        await using var busy = await SippRunner.StartServerAsync(Scenario("agent-busy.xml"));
        await using var bed = await CallTestBed.StartAsync(staticContacts: new Dictionary<string, string> { ["1001"] = busy.Contact("1001") });
        await using var answering = await bed.StartAgentAsync("1002");
        await bed.LoginAsync("1001", "1002");

        var carrier = await CallDid100Async(bed, "carrier-call.xml", TimeSpan.FromSeconds(2));

        Assert.True(carrier.ExitCode == 0 && carrier.Successful == 1, carrier + "\n" + bed.Host.Output);
        var cdr = Assert.Single(await bed.WaitForCdrsAsync(1))!.AsObject();
        Assert.Equal("1002", (string?)cdr["agent"]);
        var ringing = await bed.EventsAsync("call.ringing");
        Assert.Equal(["1001", "1002"], ringing.Select(e => (string)e!["agentid"]!).ToArray());
        Assert.Equal(1, (int?)(await bed.AgentStateAsync("1001"))["callsUnanswered"]);
    }

    [Fact]
    public async Task AgentBlindTransfersToAnotherAgent_CallContinuesWithThem_TransferChainInCdr()
    {
        await using var bed = await CallTestBed.StartAsync();
        await using var first = await bed.StartAgentAsync("1001");
        await using var second = await bed.StartAgentAsync("1002");
        await bed.LoginAsync("1001", "1002");

        var carrierTask = CallDid100Async(bed, "carrier-call.xml", TimeSpan.FromSeconds(8));
        await first.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, AgentEventTimeout);
        await first.TransferAsync($"sip:1002@127.0.0.1:{bed.Host.SipPort}");
        await bed.WaitUntilAsync(
            () => Task.FromResult(second.Events.Any(e => e.Type == BaresipAgent.EventTypes.CallEstablished)),
            AgentEventTimeout,
            "1002 answering the transferred call\n" + first.Output);
        var carrier = await carrierTask;

        Assert.True(carrier.ExitCode == 0 && carrier.Successful == 1, carrier + "\n" + bed.Host.Output);
        var cdr = Assert.Single(await bed.WaitForCdrsAsync(1))!.AsObject();
        Assert.Equal("answered", (string?)cdr["disposition"]);
        Assert.Equal("1002", (string?)cdr["agent"]);
        var step = Assert.Single(cdr["transfers"]!.AsArray())!;
        Assert.Equal("1001", (string?)step["fromAgent"]);
        Assert.Equal("1002", (string?)step["target"]);
        Assert.Equal("agent", (string?)step["kind"]);
        var transferred = await bed.EventsAsync("call.transferred");
        Assert.Single(transferred);
    }

    [Fact]
    public async Task AgentHoldsAndResumes_EventsAndHoldTimeRecorded()
    {
        await using var bed = await CallTestBed.StartAsync();
        await using var agent = await bed.StartAgentAsync("1001");
        await bed.LoginAsync("1001");

        var carrierTask = CallDid100Async(bed, "carrier-call-hold.xml", TimeSpan.FromSeconds(1));
        await agent.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, AgentEventTimeout);
        await agent.HoldAsync();
        await bed.WaitUntilAsync(async () => (await bed.EventsAsync("call.held")).Count == 1, AgentEventTimeout, "call.held");
        await Task.Delay(1000);
        await agent.ResumeAsync();
        await bed.WaitUntilAsync(async () => (await bed.EventsAsync("call.resumed")).Count == 1, AgentEventTimeout, "call.resumed");
        var carrier = await carrierTask;

        Assert.True(carrier.ExitCode == 0 && carrier.Successful == 1, carrier + "\n" + bed.Host.Output);
        var cdr = Assert.Single(await bed.WaitForCdrsAsync(1))!.AsObject();
        Assert.True((double)cdr["holdSeconds"]! >= 0.9, cdr.ToJsonString());
        Assert.True((double)cdr["talkSeconds"]! > 0, cdr.ToJsonString());
    }

    [Fact]
    public async Task AgentHoldsBeforeOurAck_ReInviteWaitsForTheAnswerInsteadOf481()
    {
        // A phone may re-INVITE the moment it sends its 200, before our ACK reaches it; the service may not have
        // handled that 200 yet. The request must wait for it, not be refused as outside any dialog.
        await using var agents = await SippRunner.StartServerAsync(Scenario("agent-answer-hold-at-once.xml"), new SippRunner.CallOptions { RtpEcho = true });
        await using var bed = await CallTestBed.StartAsync(staticContacts: new Dictionary<string, string> { ["2001"] = agents.Contact("2001") }, extraAgents: 1);
        await bed.LoginAsync("2001");

        var carrier = await CallDid100Async(bed, "carrier-call-hold.xml", TimeSpan.FromSeconds(1));

        Assert.True(carrier.ExitCode == 0 && carrier.Successful == 1, carrier + "\n" + bed.Host.Output);
        await bed.WaitUntilAsync(async () => (await agents.SnapshotAsync()).Successful == 1, TimeSpan.FromSeconds(10), "agent scenario completed");
        Assert.Equal(0, (await agents.SnapshotAsync()).Failed);
        Assert.Single(await bed.EventsAsync("call.held"));
        Assert.Single(await bed.EventsAsync("call.resumed"));
        var cdr = Assert.Single(await bed.WaitForCdrsAsync(1))!.AsObject();
        Assert.Equal("2001", (string?)cdr["agent"]);
        Assert.True((double)cdr["holdSeconds"]! >= 1, cdr.ToJsonString());
    }

    [Fact]
    public async Task AgentReferWithReplaces_501_CallGoesOnUntransferred()
    {
        // A phone's own attended transfer names another dialog in Refer-To; it is refused, never taken as a blind
        // transfer that would ring the target a second time.
        await using var agents = await SippRunner.StartServerAsync(Scenario("agent-refer-replaces.xml"), new SippRunner.CallOptions { RtpEcho = true });
        await using var bed = await CallTestBed.StartAsync(staticContacts: new Dictionary<string, string> { ["2001"] = agents.Contact("2001") }, extraAgents: 1);
        await bed.LoginAsync("2001");

        var carrier = await CallDid100Async(bed, "carrier-call.xml", TimeSpan.FromSeconds(2));

        Assert.True(carrier.ExitCode == 0 && carrier.Successful == 1, carrier + "\n" + bed.Host.Output);
        await bed.WaitUntilAsync(async () => (await agents.SnapshotAsync()).Successful == 1, TimeSpan.FromSeconds(10), "agent scenario completed (REFER answered 501)");
        Assert.Equal(0, (await agents.SnapshotAsync()).Failed);
        var cdr = Assert.Single(await bed.WaitForCdrsAsync(1))!.AsObject();
        Assert.Equal("2001", (string?)cdr["agent"]);
        Assert.Empty(cdr["transfers"]?.AsArray() ?? []);
        Assert.Empty(await bed.EventsAsync("call.transferred"));
    }

    [Fact]
    public async Task TwentyConcurrentCalls_AllAnsweredByStaticAgents_SseClientSeesEveryEventOnceAfterReconnect()
    {
        const int calls = 20;
        await using var agents = await SippRunner.StartServerAsync(Scenario("agent-answer.xml"), new SippRunner.CallOptions { RtpEcho = true });
        IReadOnlyDictionary<string, string> contacts = Enumerable.Range(2001, calls)
            .Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(n => n, n => agents.Contact(n));
        await using var bed = await CallTestBed.StartAsync(strategy: "longest-idle", staticContacts: contacts, extraAgents: calls);
        await bed.LoginAsync([.. contacts.Keys]);

        await using var sse = new SseClient(bed.Host.BaseAddress, CtiHostProcess.ApiKey);
        var firstBatch = sse.ReadAsync(lastEventId: 0, maxEvents: 15);
        var carrier = await SippRunner.RunAsync(
            Scenario("carrier-call.xml"), $"127.0.0.1:{bed.Host.TrunkPort}", calls: calls, rate: calls,
            timeout: TimeSpan.FromSeconds(60), call: new SippRunner.CallOptions { Service = "100", CallLength = TimeSpan.FromSeconds(3), MaxConcurrent = calls });

        Assert.True(carrier.ExitCode == 0 && carrier.Successful == calls, carrier + "\n" + bed.Host.Output);
        var cdrs = await bed.WaitForCdrsAsync(calls);
        Assert.Equal(calls, cdrs.Count);
        Assert.All(cdrs, c => Assert.Equal("answered", (string?)c!["disposition"]));
        Assert.Equal(calls, cdrs.Select(c => (string?)c!["agent"]).Distinct().Count());

        // The stream is cut after 15 events and resumed from the last id seen: together they are the whole history.
        var before = await firstBatch;
        var history = await bed.EventsAsync();
        var after = await sse.ReadAsync(lastEventId: before[^1], maxEvents: history.Count - before.Count);
        var seen = before.Concat(after).ToArray();
        Assert.Equal(history.Select(e => long.Parse((string)e!["id"]!, System.Globalization.CultureInfo.InvariantCulture)).ToArray(), seen);
    }

    [Fact]
    public async Task InviteFromOutsideTheAllowlist_403()
    {
        await using var bed = await CallTestBed.StartAsync(customize: json =>
            json["Cti"]!.AsObject()["Trunks"] = new JsonObject { ["demo-carrier"] = new JsonObject { ["AllowFrom"] = new JsonArray("127.0.0.1/32") } });

        var carrier = await SippRunner.RunAsync(
            Scenario("invite-expect-403.xml"), $"127.0.0.1:{bed.Host.TrunkPort}", calls: 1, rate: 1, localIp: "127.0.0.2",
            timeout: TimeSpan.FromSeconds(20), call: new SippRunner.CallOptions { Service = "100" });

        Assert.True(carrier.ExitCode == 0 && carrier.Successful == 1, carrier + "\n" + bed.Host.Output);
        Assert.Empty(await bed.CdrsAsync());
        Assert.True(await bed.MetricAsync("cti_trunk_rejected_total{reason=\"source_not_allowed\"}") >= 1);
    }

    private static string Scenario(string name) => RepoPaths.Scenario(name);

    /// <summary>One SIPp carrier call to DID 100 on the trunk port, talking for <paramref name="callLength"/> when the scenario talks.</summary>
    private static Task<SippRunner.Result> CallDid100Async(CallTestBed bed, string scenario, TimeSpan? callLength = null, int timeoutSeconds = 40) =>
        SippRunner.RunAsync(
            Scenario(scenario), $"127.0.0.1:{bed.Host.TrunkPort}", calls: 1, rate: 1,
            timeout: TimeSpan.FromSeconds(timeoutSeconds), call: new SippRunner.CallOptions { Service = "100", CallLength = callLength });
}
