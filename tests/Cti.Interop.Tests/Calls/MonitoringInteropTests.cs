using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cti.Interop.Tests.Infrastructure;

namespace Cti.Interop.Tests.Calls;

/// <summary>
/// A supervisor listening in, whispering and barging on a real call, shown with audio: every phone is baresip sending
/// its own tone (customer 800 Hz through the trunk, agent 440 Hz, supervisor 1400 Hz), and what each one played is
/// measured by frequency. The supervisor switches to barge with DTMF 6 from the phone.
/// </summary>
public sealed class MonitoringInteropTests
{
    private const double CustomerHz = 800;
    private const double AgentHz = 440;
    private const double SupervisorHz = 1400;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Stretch = TimeSpan.FromSeconds(2.5);

    [Fact]
    public async Task Supervisor_ListenWhisperBarge_EachPartyHearsWhomItShould_CallUntouchedWhenTheSupervisorLeaves()
    {
        await using var bed = await CallTestBed.StartAsync(customize: json => json["Cti"]!.AsObject()["Calls"] = new JsonObject { ["EarlyMedia"] = false });
        await using var agent = await bed.StartAgentAsync("1001", toneHz: (int)AgentHz);
        await using var supervisor = await bed.StartAgentAsync("1005", toneHz: (int)SupervisorHz);
        await bed.LoginAsync("1001");
        await using var customer = BaresipAgent.StartUnregistered("13800000001", toneHz: (int)CustomerHz);

        await customer.DialAsync($"sip:100@127.0.0.1:{bed.Host.TrunkPort}");
        await agent.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, Wait);
        var agentStart = DateTimeOffset.UtcNow;
        await customer.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, Wait);
        var customerStart = DateTimeOffset.UtcNow;
        var list = JsonNode.Parse(await bed.Api.GetStringAsync(new Uri("/api/v1/calls", UriKind.Relative)))!;
        var id = (string)Assert.Single(list["items"]!.AsArray())!["id"]!;

        // Listen: the supervisor's phone rings and, on answer, hears both parties.
        await PostAsync(bed, $"/api/v1/calls/{id}/monitor", new { supervisor = "1005", mode = "listen" });
        await supervisor.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, Wait);
        var supervisorStart = DateTimeOffset.UtcNow;
        await WaitForSupervisorStateAsync(bed, id, "listen");
        var listen = DateTimeOffset.UtcNow;
        await Task.Delay(Stretch);

        // Whisper through the API: the agent hears the supervisor, the customer does not. A stretch ends when the next
        // change is asked for, not when it is seen done: on a loaded machine the change can be heard well before the
        // API or the call state confirms it.
        var whisperAsked = DateTimeOffset.UtcNow;
        using (var patch = await bed.Api.PatchAsJsonAsync(new Uri($"/api/v1/calls/{id}/monitor", UriKind.Relative), new { mode = "whisper" }))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }

        var whisper = DateTimeOffset.UtcNow;
        await Task.Delay(Stretch);

        // Barge from the supervisor's phone (DTMF 6): everyone hears everyone.
        var bargeAsked = DateTimeOffset.UtcNow;
        await supervisor.SendDtmfAsync('6');
        await WaitForSupervisorStateAsync(bed, id, "barge");
        var barge = DateTimeOffset.UtcNow;
        await Task.Delay(Stretch);
        var end = DateTimeOffset.UtcNow;

        // The supervisor leaves; the call goes on between customer and agent.
        using (var stop = await bed.Api.DeleteAsync(new Uri($"/api/v1/calls/{id}/monitor", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        }

        await supervisor.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, Wait);
        var after = JsonNode.Parse(await bed.Api.GetStringAsync(new Uri($"/api/v1/calls/{id}", UriKind.Relative)))!;
        Assert.Equal("connected", (string?)after["state"]);
        Assert.DoesNotContain(after["legs"]!.AsArray(), l => (string?)l!["role"] == "supervisor");
        var plain = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(3));
        var afterEnd = DateTimeOffset.UtcNow;
        await PostAsync(bed, $"/api/v1/calls/{id}/hangup");
        await agent.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, Wait);
        await customer.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, Wait);

        var heard = new Heard(agent.PlayedPath, customer.PlayedPath, supervisor.PlayedPath, agentStart, customerStart, supervisorStart);
        var report = heard.Report(("listen", listen, whisperAsked), ("whisper", whisper, bargeAsked), ("barge", barge, end), ("plain", plain, afterEnd)) + "\n" + bed.Host.Output[Math.Max(0, bed.Host.Output.Length - 4000)..];

        // Listen: supervisor hears both; nobody hears the supervisor.
        Assert.True(heard.Supervisor(listen, whisperAsked, CustomerHz) > Loud && heard.Supervisor(listen, whisperAsked, AgentHz) > Loud, report);
        Assert.True(heard.Agent(listen, whisperAsked, SupervisorHz) < Quiet && heard.Customer(listen, whisperAsked, SupervisorHz) < Quiet, report);
        Assert.True(heard.Agent(listen, whisperAsked, CustomerHz) > Loud && heard.Customer(listen, whisperAsked, AgentHz) > Loud, report);

        // Whisper: the agent hears the supervisor, the customer does not.
        Assert.True(heard.Agent(whisper, bargeAsked, SupervisorHz) > Loud, report);
        Assert.True(heard.Customer(whisper, bargeAsked, SupervisorHz) < Quiet, report);
        Assert.True(heard.Supervisor(whisper, bargeAsked, CustomerHz) > Loud, report);

        // Barge: all three hear each other.
        Assert.True(heard.Customer(barge, end, SupervisorHz) > Loud && heard.Agent(barge, end, SupervisorHz) > Loud, report);
        Assert.True(heard.Supervisor(barge, end, CustomerHz) > Loud && heard.Supervisor(barge, end, AgentHz) > Loud, report);

        // Back to a plain call: customer and agent still hear each other after the supervisor left.
        Assert.True(heard.Customer(plain, afterEnd, AgentHz) > Loud && heard.Agent(plain, afterEnd, CustomerHz) > Loud, report);

        var monitorEvents = (await bed.EventsAsync("call.monitor.started,call.monitor.changed,call.monitor.ended"))
            .Select(e => $"{((string)e!["type"]!)["com.cti.".Length..]}:{(string?)e["data"]!["mode"] ?? (string?)e["data"]!["reason"]}").ToArray();
        Assert.Equal(["call.monitor.started:listen", "call.monitor.changed:whisper", "call.monitor.changed:barge", "call.monitor.ended:stopped"], monitorEvents);
        var cdr = Assert.Single(await bed.WaitForCdrsAsync(1))!;
        var session = Assert.Single(cdr["monitoring"]!.AsArray())!;
        Assert.Equal("1005", (string?)session["supervisor"]);
        Assert.Equal(["listen", "whisper", "barge"], session["modes"]!.AsArray().Select(m => (string)m!).ToArray());
        Assert.Equal("answered", (string?)cdr["disposition"]);
    }

    [Fact]
    public async Task Conference_SecondAgentAdded_AllThreeHearEachOther_LeavesAndTheCallGoesOn()
    {
        await using var bed = await CallTestBed.StartAsync(customize: json => json["Cti"]!.AsObject()["Calls"] = new JsonObject { ["EarlyMedia"] = false });
        await using var agent = await bed.StartAgentAsync("1001", toneHz: (int)AgentHz);
        await using var colleague = await bed.StartAgentAsync("1002", toneHz: (int)SupervisorHz);
        await bed.LoginAsync("1001");
        await using var customer = BaresipAgent.StartUnregistered("13800000001", toneHz: (int)CustomerHz);

        await customer.DialAsync($"sip:100@127.0.0.1:{bed.Host.TrunkPort}");
        await agent.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, Wait);
        var agentStart = DateTimeOffset.UtcNow;
        await customer.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, Wait);
        var customerStart = DateTimeOffset.UtcNow;
        var list = JsonNode.Parse(await bed.Api.GetStringAsync(new Uri("/api/v1/calls", UriKind.Relative)))!;
        var id = (string)Assert.Single(list["items"]!.AsArray())!["id"]!;

        await PostAsync(bed, $"/api/v1/calls/{id}/conference", new { add = "1002" });
        await colleague.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, Wait);
        var colleagueStart = DateTimeOffset.UtcNow;
        await bed.WaitUntilAsync(
            async () => JsonNode.Parse(await bed.Api.GetStringAsync(new Uri($"/api/v1/calls/{id}", UriKind.Relative)))!["legs"]!.AsArray()
                .Count(l => (string?)l!["state"] == "connected") == 3,
            Wait,
            "three connected legs");
        var joined = DateTimeOffset.UtcNow;
        await Task.Delay(Stretch);
        var left = DateTimeOffset.UtcNow;
        using (var stop = await bed.Api.DeleteAsync(new Uri($"/api/v1/calls/{id}/conference", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        }

        await colleague.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, Wait);
        Assert.Equal("connected", (string?)JsonNode.Parse(await bed.Api.GetStringAsync(new Uri($"/api/v1/calls/{id}", UriKind.Relative)))!["state"]);
        await PostAsync(bed, $"/api/v1/calls/{id}/hangup");
        await customer.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, Wait);
        await agent.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, Wait);

        var heard = new Heard(agent.PlayedPath, customer.PlayedPath, colleague.PlayedPath, agentStart, customerStart, colleagueStart);
        var report = heard.Report(("conference", joined, left));
        Assert.True(heard.Customer(joined, left, AgentHz) > Loud && heard.Customer(joined, left, SupervisorHz) > Loud, report);
        Assert.True(heard.Agent(joined, left, CustomerHz) > Loud && heard.Agent(joined, left, SupervisorHz) > Loud, report);
        Assert.True(heard.Supervisor(joined, left, CustomerHz) > Loud && heard.Supervisor(joined, left, AgentHz) > Loud, report);
        var events = (await bed.EventsAsync("call.conference.joined,call.conference.left")).Select(e => (string)e!["type"]!).ToArray();
        Assert.Equal(["com.cti.call.conference.joined", "com.cti.call.conference.left"], events);
        var session = Assert.Single(Assert.Single(await bed.WaitForCdrsAsync(1))!["monitoring"]!.AsArray())!;
        Assert.Equal("1002", (string?)session["supervisor"]);
        Assert.Equal(["conference"], session["modes"]!.AsArray().Select(m => (string)m!).ToArray());
    }

    [Fact]
    public async Task SupervisorWithoutPhone_409_CallGoesOn()
    {
        await using var bed = await CallTestBed.StartAsync();
        await using var agent = await bed.StartAgentAsync("1001");
        await bed.LoginAsync("1001");
        await using var customer = BaresipAgent.StartUnregistered("13800000001", toneHz: (int)CustomerHz);
        await customer.DialAsync($"sip:100@127.0.0.1:{bed.Host.TrunkPort}");
        await agent.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, Wait);
        var list = JsonNode.Parse(await bed.Api.GetStringAsync(new Uri("/api/v1/calls", UriKind.Relative)))!;
        var id = (string)Assert.Single(list["items"]!.AsArray())!["id"]!;

        using var monitor = await bed.Api.PostAsJsonAsync(new Uri($"/api/v1/calls/{id}/monitor", UriKind.Relative), new { supervisor = "1004", mode = "listen" });
        using var badMode = await bed.Api.PostAsJsonAsync(new Uri($"/api/v1/calls/{id}/monitor", UriKind.Relative), new { supervisor = "1004", mode = "spy" });
        using var noSupervisor = await bed.Api.PatchAsJsonAsync(new Uri($"/api/v1/calls/{id}/monitor", UriKind.Relative), new { mode = "barge" });

        Assert.Equal(HttpStatusCode.Conflict, monitor.StatusCode);
        Assert.Contains("1004", (string?)JsonNode.Parse(await monitor.Content.ReadAsStringAsync())!["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badMode.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, noSupervisor.StatusCode);
        Assert.Equal("connected", (string?)JsonNode.Parse(await bed.Api.GetStringAsync(new Uri($"/api/v1/calls/{id}", UriKind.Relative)))!["state"]);
        await PostAsync(bed, $"/api/v1/calls/{id}/hangup");
        await customer.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, Wait);
    }

    private const double Loud = 300;
    private const double Quiet = 60;

    private static async Task WaitForSupervisorStateAsync(CallTestBed bed, string id, string state) =>
        await bed.WaitUntilAsync(
            async () =>
            {
                var call = JsonNode.Parse(await bed.Api.GetStringAsync(new Uri($"/api/v1/calls/{id}", UriKind.Relative)))!;
                return call["legs"]!.AsArray().Any(l => (string?)l!["role"] == "supervisor" && (string?)l["state"] == state);
            },
            Wait,
            $"the supervisor in {state}\n{bed.Host.Output}");

    private static async Task PostAsync(CallTestBed bed, string path, object? body = null)
    {
        using var response = body is null
            ? await bed.Api.PostAsync(new Uri(path, UriKind.Relative), null)
            : await bed.Api.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>What each phone played, measured in a stretch of wall-clock time (trimmed for the mixer's delay).</summary>
    private sealed record Heard(string AgentWav, string CustomerWav, string SupervisorWav, DateTimeOffset AgentStart, DateTimeOffset CustomerStart, DateTimeOffset SupervisorStart)
    {
        public double Agent(DateTimeOffset from, DateTimeOffset to, double hz) => Measure(AgentWav, AgentStart, from, to, hz);

        public double Customer(DateTimeOffset from, DateTimeOffset to, double hz) => Measure(CustomerWav, CustomerStart, from, to, hz);

        public double Supervisor(DateTimeOffset from, DateTimeOffset to, double hz) => Measure(SupervisorWav, SupervisorStart, from, to, hz);

        public string Report(params (string Name, DateTimeOffset From, DateTimeOffset To)[] stretches)
        {
            var lines = new List<string>();
            foreach (var stretch in stretches)
            {
                foreach (var (name, wav, start) in new[] { ("agent", AgentWav, AgentStart), ("customer", CustomerWav, CustomerStart), ("supervisor", SupervisorWav, SupervisorStart) })
                {
                    lines.Add($"{stretch.Name} {name}: " + string.Join(" ", new[] { CustomerHz, AgentHz, SupervisorHz }.Select(hz => $"{hz}Hz={Measure(wav, start, stretch.From, stretch.To, hz):F0}")));
                }
            }

            lines.Add($"files: agent {WavTone.Seconds(AgentWav):F1} s, customer {WavTone.Seconds(CustomerWav):F1} s, supervisor {WavTone.Seconds(SupervisorWav):F1} s; stretches " +
                string.Join(", ", stretches.Select(s => $"{s.Name} {(s.From - AgentStart).TotalSeconds:F1}-{(s.To - AgentStart).TotalSeconds:F1} s")));
            return string.Join("\n", lines);
        }

        private static double Measure(string wav, DateTimeOffset start, DateTimeOffset from, DateTimeOffset to, double hz) =>
            WavTone.Amplitude(wav, (from - start).TotalSeconds + 0.6, (to - start).TotalSeconds - 0.3, hz);
    }
}
