using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cti.Interop.Tests.Infrastructure;

namespace Cti.Interop.Tests.Calls;

/// <summary>
/// Attended transfer and conferences of more than three on real calls, shown with audio: every phone is baresip
/// sending its own tone (customer 800 Hz through the trunk, agent 1000 Hz, colleagues 1400 and 1850 Hz: none of them in
/// the hold music), and what each one played is measured by frequency.
/// </summary>
public sealed class TransferAndConferenceInteropTests
{
    private const double CustomerHz = 800;
    private const double AgentHz = 1000;
    private const double TargetHz = 1400;
    private const double FourthHz = 1850;
    private const double Loud = 300;
    private const double Quiet = 60;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Stretch = TimeSpan.FromSeconds(2.5);

    [Fact]
    public async Task AttendedTransfer_AgentConsultsColleagueAlone_ThenCompletes_CustomerAndColleagueTalk_CdrNamesTheChain()
    {
        await using var bed = await StartBedAsync();
        await using var agent = await bed.StartAgentAsync("1001", toneHz: (int)AgentHz);
        await using var target = await bed.StartAgentAsync("1002", toneHz: (int)TargetHz);
        await bed.LoginAsync("1001");
        await using var customer = BaresipAgent.StartUnregistered("13800000001", toneHz: (int)CustomerHz);
        var (id, agentPhone, customerPhone) = await ConnectAsync(bed, customer, agent);
        await bed.LoginAsync("1002");

        // The customer is held; 1002's phone rings and, once answered, talks with 1001 alone.
        var consulting = await PostAsync(bed, $"/api/v1/calls/{id}/transfer", new { to = "1002", mode = "attended" });
        Assert.Equal("held", (string?)consulting["state"]);
        await target.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, Wait);
        var targetPhone = new Phone("1002", target, DateTimeOffset.UtcNow);
        await WaitForLegAsync(bed, id, "1002", "consulting");
        using (var early = await bed.Api.PostAsync(new Uri($"/api/v1/calls/{id}/hold", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        var consult = DateTimeOffset.UtcNow;
        await Task.Delay(Stretch);
        var completeAsked = DateTimeOffset.UtcNow;

        // Complete: 1001 leaves (wrap-up), the customer and 1002 talk.
        var completed = await PostAsync(bed, $"/api/v1/calls/{id}/transfer/complete");
        Assert.Equal("1002", (string?)completed["agent"]);
        Assert.Equal("connected", (string?)completed["state"]);
        await agent.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, Wait);
        Assert.Equal("on_call_outbound", (string?)(await bed.AgentStateAsync("1002"))["work"]);
        var after = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(3));
        var end = DateTimeOffset.UtcNow;
        await PostAsync(bed, $"/api/v1/calls/{id}/hangup");
        await customer.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, Wait);
        await target.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, Wait);

        var phones = new[] { customerPhone, agentPhone, targetPhone };
        var report = Report(phones, ("consult", consult, completeAsked), ("transferred", after, end)) + "\n" + Tail(bed);
        Assert.True(targetPhone.Heard(consult, completeAsked, AgentHz) > Loud && agentPhone.Heard(consult, completeAsked, TargetHz) > Loud, report);
        Assert.True(targetPhone.Heard(consult, completeAsked, CustomerHz) < Quiet, report);
        Assert.True(customerPhone.Heard(consult, completeAsked, TargetHz) < Quiet && customerPhone.Heard(consult, completeAsked, AgentHz) < Quiet, report);
        Assert.True(customerPhone.Heard(after, end, TargetHz) > Loud && targetPhone.Heard(after, end, CustomerHz) > Loud, report);

        var events = (await bed.EventsAsync("call.transfer.consulting,call.transferred,call.transfer.cancelled")).Select(e => ((string)e!["type"]!)["com.cti.".Length..]).ToArray();
        Assert.Equal(["call.transfer.consulting", "call.transferred"], events);
        var cdr = Assert.Single(await bed.WaitForCdrsAsync(1))!;
        Assert.Equal("1002", (string?)cdr["agent"]);
        var step = Assert.Single(cdr["transfers"]!.AsArray())!;
        Assert.Equal("1001", (string?)step["fromAgent"]);
        Assert.Equal("1002", (string?)step["target"]);
        await bed.WaitUntilAsync(async () => (string?)(await bed.AgentStateAsync("1001"))["work"] is "wrap_up" or "idle", Wait, "1001 released after the transfer");
    }

    [Fact]
    public async Task AttendedTransfer_Cancelled_ColleagueHungUp_CustomerBackWithTheAgent()
    {
        await using var bed = await StartBedAsync();
        await using var agent = await bed.StartAgentAsync("1001", toneHz: (int)AgentHz);
        await using var target = await bed.StartAgentAsync("1002", toneHz: (int)TargetHz);
        await bed.LoginAsync("1001");
        await using var customer = BaresipAgent.StartUnregistered("13800000001", toneHz: (int)CustomerHz);
        var (id, agentPhone, customerPhone) = await ConnectAsync(bed, customer, agent);
        await bed.LoginAsync("1002");

        await PostAsync(bed, $"/api/v1/calls/{id}/transfer", new { to = "1002", mode = "attended" });
        await target.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, Wait);
        await WaitForLegAsync(bed, id, "1002", "consulting");
        using (var again = await bed.Api.PostAsJsonAsync(new Uri($"/api/v1/calls/{id}/transfer", UriKind.Relative), new { to = "1003", mode = "attended" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        var cancelled = await PostAsync(bed, $"/api/v1/calls/{id}/transfer/cancel");
        Assert.Equal("connected", (string?)cancelled["state"]);
        await target.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, Wait);
        using (var none = await bed.Api.PostAsync(new Uri($"/api/v1/calls/{id}/transfer/complete", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Conflict, none.StatusCode);
        }

        var back = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(3));
        var end = DateTimeOffset.UtcNow;
        await PostAsync(bed, $"/api/v1/calls/{id}/hangup");
        await customer.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, Wait);

        var report = Report([customerPhone, agentPhone], ("back", back, end)) + "\n" + customer.Output + "\n" + Tail(bed);
        Assert.True(customerPhone.Heard(back, end, AgentHz) > Loud && agentPhone.Heard(back, end, CustomerHz) > Loud, report);
        var events = (await bed.EventsAsync("call.transfer.consulting,call.transferred,call.transfer.cancelled")).Select(e => ((string)e!["type"]!)["com.cti.".Length..]).ToArray();
        Assert.Equal(["call.transfer.consulting", "call.transfer.cancelled"], events);
        var cdr = Assert.Single(await bed.WaitForCdrsAsync(1))!;
        Assert.Equal("1001", (string?)cdr["agent"]);
        Assert.Empty(cdr["transfers"]?.AsArray() ?? []);
        await bed.WaitUntilAsync(async () => (string?)(await bed.AgentStateAsync("1002"))["work"] is "wrap_up" or "idle", Wait, "1002 released after the consultation");
    }

    [Fact]
    public async Task Conference_FourParties_EveryoneHearsEveryone_OneLeaves_TheRestGoOn()
    {
        await using var bed = await StartBedAsync();
        await using var agent = await bed.StartAgentAsync("1001", toneHz: (int)AgentHz);
        await using var second = await bed.StartAgentAsync("1002", toneHz: (int)TargetHz);
        await using var third = await bed.StartAgentAsync("1003", toneHz: (int)FourthHz);
        await bed.LoginAsync("1001");
        await using var customer = BaresipAgent.StartUnregistered("13800000001", toneHz: (int)CustomerHz);
        var (id, agentPhone, customerPhone) = await ConnectAsync(bed, customer, agent);

        await PostAsync(bed, $"/api/v1/calls/{id}/conference", new { add = "1002" });
        await second.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, Wait);
        var secondPhone = new Phone("1002", second, DateTimeOffset.UtcNow);
        await PostAsync(bed, $"/api/v1/calls/{id}/conference", new { add = "1003" });
        await third.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, Wait);
        var thirdPhone = new Phone("1003", third, DateTimeOffset.UtcNow);
        await bed.WaitUntilAsync(
            async () => (await CallAsync(bed, id))["legs"]!.AsArray().Count(l => (string?)l!["state"] == "connected") == 4,
            Wait,
            "four connected legs");
        var joined = DateTimeOffset.UtcNow;
        await Task.Delay(Stretch);
        var leaveAsked = DateTimeOffset.UtcNow;

        // 1002 is taken off; customer, agent and 1003 go on.
        using (var remove = await bed.Api.DeleteAsync(new Uri($"/api/v1/calls/{id}/conference?party=1002", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, remove.StatusCode);
        }

        await second.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, Wait);
        var three = DateTimeOffset.UtcNow;
        await Task.Delay(Stretch);
        var end = DateTimeOffset.UtcNow;
        await PostAsync(bed, $"/api/v1/calls/{id}/hangup");
        await customer.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, Wait);
        await third.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, Wait);

        var phones = new[] { customerPhone, agentPhone, secondPhone, thirdPhone };
        var tones = new Dictionary<Phone, double> { [customerPhone] = CustomerHz, [agentPhone] = AgentHz, [secondPhone] = TargetHz, [thirdPhone] = FourthHz };
        var report = Report(phones, ("four", joined, leaveAsked), ("three", three, end)) + "\n" + Tail(bed);
        foreach (var listener in phones)
        {
            foreach (var speaker in phones.Where(p => p != listener))
            {
                Assert.True(listener.Heard(joined, leaveAsked, tones[speaker]) > Loud, $"{listener.Name} should hear {speaker.Name}\n{report}");
            }
        }

        foreach (var listener in new[] { customerPhone, agentPhone, thirdPhone })
        {
            foreach (var speaker in new[] { customerPhone, agentPhone, thirdPhone }.Where(p => p != listener))
            {
                Assert.True(listener.Heard(three, end, tones[speaker]) > Loud, $"{listener.Name} should still hear {speaker.Name}\n{report}");
            }
        }

        var events = (await bed.EventsAsync("call.conference.joined,call.conference.left")).Select(e => $"{((string)e!["type"]!)["com.cti.".Length..]}:{(string?)e["data"]!["party"]}").ToArray();
        Assert.Equal(["call.conference.joined:1002", "call.conference.joined:1003", "call.conference.left:1002", "call.conference.left:1003"], events);
        var sessions = Assert.Single(await bed.WaitForCdrsAsync(1))!["monitoring"]!.AsArray().Select(s => (string)s!["supervisor"]!).ToArray();
        Assert.Equal(["1002", "1003"], sessions);
    }

    private static Task<CallTestBed> StartBedAsync() =>
        CallTestBed.StartAsync(customize: json => json["Cti"]!.AsObject()["Calls"] = new JsonObject { ["EarlyMedia"] = false });

    /// <summary>The customer calls DID 100 and 1001 answers; returns the call's id and both phones' clocks.</summary>
    private static async Task<(string Id, Phone Agent, Phone Customer)> ConnectAsync(CallTestBed bed, BaresipAgent customer, BaresipAgent agent)
    {
        await customer.DialAsync($"sip:100@127.0.0.1:{bed.Host.TrunkPort}");
        await agent.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, Wait);
        var agentPhone = new Phone("agent", agent, DateTimeOffset.UtcNow);
        await customer.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, Wait);
        var customerPhone = new Phone("customer", customer, DateTimeOffset.UtcNow);
        var list = JsonNode.Parse(await bed.Api.GetStringAsync(new Uri("/api/v1/calls", UriKind.Relative)))!;
        return ((string)Assert.Single(list["items"]!.AsArray())!["id"]!, agentPhone, customerPhone);
    }

    private static async Task<JsonNode> CallAsync(CallTestBed bed, string id) =>
        JsonNode.Parse(await bed.Api.GetStringAsync(new Uri($"/api/v1/calls/{id}", UriKind.Relative)))!;

    private static Task WaitForLegAsync(CallTestBed bed, string id, string party, string state) =>
        bed.WaitUntilAsync(
            async () => (await CallAsync(bed, id))["legs"]!.AsArray().Any(l => (string?)l!["party"] == party && (string?)l["state"] == state),
            Wait,
            $"{party} {state}\n{bed.Host.Output}");

    private static async Task<JsonObject> PostAsync(CallTestBed bed, string path, object? body = null)
    {
        using var response = body is null
            ? await bed.Api.PostAsync(new Uri(path, UriKind.Relative), null)
            : await bed.Api.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static string Report(IEnumerable<Phone> phones, params (string Name, DateTimeOffset From, DateTimeOffset To)[] stretches) =>
        string.Join("\n", stretches.SelectMany(s => phones.Select(p =>
            $"{s.Name} {p.Name}: " + string.Join(" ", new[] { CustomerHz, AgentHz, TargetHz, FourthHz }.Select(hz => $"{hz}Hz={p.Heard(s.From, s.To, hz):F0}"))))
            .Concat(phones.Select(p => $"{p.Name} files: " + string.Join(", ", new DirectoryInfo(p.Agent.Directory).GetFiles("*.wav").Select(f => $"{f.Name} {f.Length} B {f.LastWriteTimeUtc:HH:mm:ss.fff}"))))
            .Append($"starts: " + string.Join(", ", phones.Select(p => $"{p.Name} {p.Start:HH:mm:ss.fff}"))));

    private static string Tail(CallTestBed bed) => bed.Host.Output[Math.Max(0, bed.Host.Output.Length - 4000)..];

    /// <summary>What one phone played, measured in a stretch of wall-clock time (trimmed for the mixer's delay).</summary>
    private sealed record Phone(string Name, BaresipAgent Agent, DateTimeOffset Start)
    {
        public double Heard(DateTimeOffset from, DateTimeOffset to, double hz) =>
            WavTone.Amplitude(Agent.PlayedPath, (from - Start).TotalSeconds + 0.6, (to - Start).TotalSeconds - 0.3, hz);
    }
}
