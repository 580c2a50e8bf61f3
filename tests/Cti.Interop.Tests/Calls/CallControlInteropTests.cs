using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cti.Interop.Tests.Infrastructure;

namespace Cti.Interop.Tests.Calls;

/// <summary>
/// Third-party call control over HTTP on real calls: SIPp as the carrier calling DID 100 with audio, baresip agents
/// registered to the running service; the API holds, resumes, transfers and hangs up what the phones are on.
/// </summary>
public sealed class CallControlInteropTests
{
    private static readonly TimeSpan AgentEventTimeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ApiHoldsAndResumes_CarrierGetsReInvites_CallListedHeldThenConnected_HoldTimeInCdr()
    {
        await using var bed = await CallTestBed.StartAsync();
        await using var agent = await bed.StartAgentAsync("1001");
        await bed.LoginAsync("1001");

        // The carrier accepts a hold and a resume re-INVITE, then hangs up a second later.
        var carrierTask = CallDid100Async(bed, "carrier-call-hold.xml", TimeSpan.FromSeconds(1));
        await agent.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, AgentEventTimeout);
        var call = await SingleLiveCallAsync(bed);
        var id = (string)call["id"]!;
        Assert.Equal("connected", (string?)call["state"]);
        Assert.Equal("1001", (string?)call["agent"]);
        Assert.Equal(["caller", "agent"], call["legs"]!.AsArray().Select(l => (string)l!["role"]!).ToArray());

        var held = await PostAsync(bed, $"/api/v1/calls/{id}/hold");
        Assert.Equal("held", (string?)held["state"]);
        using (var again = await bed.Api.PostAsync(new Uri($"/api/v1/calls/{id}/hold", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        Assert.Equal("held", (string?)(await SingleLiveCallAsync(bed))["state"]);
        await Task.Delay(1000);
        var resumed = await PostAsync(bed, $"/api/v1/calls/{id}/resume");
        Assert.Equal("connected", (string?)resumed["state"]);
        var carrier = await carrierTask;

        Assert.True(carrier.ExitCode == 0 && carrier.Successful == 1, carrier + "\n" + bed.Host.Output);
        var cdr = Assert.Single(await bed.WaitForCdrsAsync(1))!.AsObject();
        Assert.Equal(id, (string?)cdr["callId"]);
        Assert.True((double)cdr["holdSeconds"]! >= 0.9, cdr.ToJsonString());
        Assert.Single(await bed.EventsAsync("call.held"));
        Assert.Single(await bed.EventsAsync("call.resumed"));
    }

    [Fact]
    public async Task ApiTransfersToAnotherAgent_ThenHangsUp_CarrierGetsBye_CdrNamesTheChainAndTheOperator()
    {
        await using var bed = await CallTestBed.StartAsync();
        await using var first = await bed.StartAgentAsync("1001");
        await using var second = await bed.StartAgentAsync("1002");
        await bed.LoginAsync("1001", "1002");

        var carrierTask = CallDid100Async(bed, "carrier-call-await-bye.xml");
        await first.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, AgentEventTimeout);
        var id = (string)(await SingleLiveCallAsync(bed))["id"]!;

        await PostAsync(bed, $"/api/v1/calls/{id}/transfer", new { to = "1002", mode = "blind" });
        await bed.WaitUntilAsync(
            () => Task.FromResult(second.Events.Any(e => e.Type == BaresipAgent.EventTypes.CallEstablished)),
            AgentEventTimeout,
            "1002 answering the transferred call\n" + bed.Host.Output);
        await bed.WaitUntilAsync(
            async () => (string?)(await SingleLiveCallAsync(bed))["agent"] == "1002",
            AgentEventTimeout,
            "the call listed with 1002");
        await first.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, AgentEventTimeout);

        var ended = await PostAsync(bed, $"/api/v1/calls/{id}/hangup");
        Assert.Equal("ended", (string?)ended["state"]);
        var carrier = await carrierTask;

        Assert.True(carrier.ExitCode == 0 && carrier.Successful == 1, carrier + "\n" + bed.Host.Output);
        await second.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, AgentEventTimeout);
        var cdr = Assert.Single(await bed.WaitForCdrsAsync(1))!.AsObject();
        Assert.Equal("answered", (string?)cdr["disposition"]);
        Assert.Equal("operator", (string?)cdr["hungUpBy"]);
        Assert.Equal("1002", (string?)cdr["agent"]);
        var step = Assert.Single(cdr["transfers"]!.AsArray())!;
        Assert.Equal("1001", (string?)step["fromAgent"]);
        Assert.Equal("1002", (string?)step["target"]);
        using var gone = await bed.Api.GetAsync(new Uri($"/api/v1/calls/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task ApiPausesRecording_GapSilentInTheFile_MarkedInCdrAndEvents()
    {
        await using var bed = await CallTestBed.StartAsync();
        await using var agent = await bed.StartAgentAsync("1001");
        await bed.LoginAsync("1001");

        var carrierTask = CallDid100Async(bed, "carrier-call.xml", TimeSpan.FromSeconds(6));
        await agent.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, AgentEventTimeout);
        var id = (string)(await SingleLiveCallAsync(bed))["id"]!;
        await Task.Delay(1500);
        var paused = await PostAsync(bed, $"/api/v1/calls/{id}/recording", new { action = "pause" });
        Assert.Equal("paused", (string?)paused["recording"]);
        await Task.Delay(2000);
        var resumed = await PostAsync(bed, $"/api/v1/calls/{id}/recording", new { action = "resume" });
        Assert.Equal("recording", (string?)resumed["recording"]);
        var carrier = await carrierTask;

        Assert.True(carrier.ExitCode == 0 && carrier.Successful == 1, carrier + "\n" + bed.Host.Output);
        var cdr = Assert.Single(await bed.WaitForCdrsAsync(1))!.AsObject();
        var gap = Assert.Single(cdr["recordingGaps"]!.AsArray())!;
        var (from, to) = ((double)gap["from"]!, (double)gap["to"]!);
        Assert.InRange(to - from, 1.8, 3.5);
        var path = (string)cdr["recordingPath"]!;

        // Nothing was recorded inside the gap; both parties were heard around it (the agent's phone sends throughout).
        var inside = StereoWav.ChannelEnergy(path, from + 0.3, to - 0.3);
        Assert.Equal((0d, 0d), inside);
        var after = StereoWav.ChannelEnergy(path, to + 0.3, to + 1.3);
        Assert.True(after.Right > 1e5, $"agent channel after the gap: {after.Right}");
        var before = StereoWav.ChannelEnergy(path, from - 1.0, from - 0.2);
        Assert.True(before.Right > 1e5, $"agent channel before the gap: {before.Right}");
        Assert.Single(await bed.EventsAsync("call.recording.paused"));
        Assert.Single(await bed.EventsAsync("call.recording.resumed"));
    }

    private static async Task<JsonObject> SingleLiveCallAsync(CallTestBed bed)
    {
        var list = JsonNode.Parse(await bed.Api.GetStringAsync(new Uri("/api/v1/calls", UriKind.Relative)))!;
        return Assert.Single(list["items"]!.AsArray())!.AsObject();
    }

    private static async Task<JsonObject> PostAsync(CallTestBed bed, string path, object? body = null)
    {
        using var response = body is null
            ? await bed.Api.PostAsync(new Uri(path, UriKind.Relative), null)
            : await bed.Api.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static Task<SippRunner.Result> CallDid100Async(CallTestBed bed, string scenario, TimeSpan? callLength = null) =>
        SippRunner.RunAsync(
            RepoPaths.Scenario(scenario), $"127.0.0.1:{bed.Host.TrunkPort}", calls: 1, rate: 1,
            timeout: TimeSpan.FromSeconds(40), call: new SippRunner.CallOptions { Service = "100", CallLength = callLength });
}
