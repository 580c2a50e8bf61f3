using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cti.Interop.Tests.Infrastructure;

namespace Cti.Interop.Tests.Calls;

/// <summary>
/// Click to dial through the running service: the API rings a baresip agent first, then the customer through the
/// trunk (SIPp as the carrier, answering numbers ending in 2 and refusing those ending in 1 with 486).
/// </summary>
public sealed class ClickToDialInteropTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ClickToDial_AgentRungFirstThenCustomer_Bridged_BusyRefusedAndDncRefusedBeforeRinging()
    {
        await using var carrier = await SippRunner.StartServerAsync(
            RepoPaths.Scenario("carrier-callee-mixed.xml"), new SippRunner.CallOptions { RtpEcho = true, CallLength = TimeSpan.FromSeconds(3) });
        await using var bed = await CallTestBed.StartAsync(customize: json =>
        {
            var cti = json["Cti"]!.AsObject();
            cti["Trunks"] = new JsonObject { ["demo-carrier"] = new JsonObject { ["Peers"] = new JsonArray(carrier.Target), ["OptionsInterval"] = "00:00:00" } };
            cti["Calls"] = new JsonObject
            {
                ["ClickToDial"] = new JsonObject
                {
                    ["WindowStart"] = "00:00:00",
                    ["WindowEnd"] = "1.00:00:00",
                    ["WindowDays"] = new JsonArray("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
                },
            };
        });
        await using var agent = await bed.StartAgentAsync("1001");
        await bed.LoginAsync("1001");

        // Answered: the agent's phone answers at once, then the customer; both hear each other through the relay.
        using var placed = await bed.Api.PostAsJsonAsync(new Uri("/api/v1/calls", UriKind.Relative), new { agent = "1001", to = "13812345672" });
        var text = await placed.Content.ReadAsStringAsync();
        Assert.True(placed.StatusCode == HttpStatusCode.Accepted, text);
        var id = (string)JsonNode.Parse(text)!["id"]!;
        Assert.Equal($"/api/v1/calls/{id}", placed.Headers.Location?.OriginalString);
        await agent.WaitForEventAsync(BaresipAgent.EventTypes.CallEstablished, Wait);
        await bed.WaitUntilAsync(
            async () => await bed.Api.GetAsync(new Uri($"/api/v1/calls/{id}", UriKind.Relative)) is { StatusCode: HttpStatusCode.OK } r &&
                (string?)JsonNode.Parse(await r.Content.ReadAsStringAsync())!["state"] == "connected",
            Wait,
            "the click-to-dial call connected\n" + bed.Host.Output);
        Assert.Equal("on_call_outbound", (string?)(await bed.AgentStateAsync("1001"))["work"]);
        var answered = Assert.Single(await bed.WaitForCdrsAsync(1))!;
        Assert.Equal(id, (string?)answered["callId"]);
        Assert.Equal("outbound", (string?)answered["direction"]);
        Assert.Equal("answered", (string?)answered["disposition"]);
        Assert.Equal("1001", (string?)answered["agent"]);
        Assert.Equal("+8613812345672", (string?)answered["to"]);
        Assert.Equal("callee", (string?)answered["hungUpBy"]);
        Assert.True((double)answered["talkSeconds"]! >= 2, answered.ToJsonString());
        Assert.True(await bed.MetricAsync("cti_rtp_packets_relayed_total{direction=\"to_caller\"}") > 50);
        Assert.True(await bed.MetricAsync("cti_rtp_packets_relayed_total{direction=\"to_callee\"}") > 50);
        var ringing = await bed.EventsAsync("call.ringing");
        Assert.Equal("1001", (string?)ringing.First(e => (string?)e!["callid"] == id)!["agentid"]);

        // Busy: the customer refuses; the agent's phone is released and the CDR says busy.
        await bed.WaitUntilAsync(async () => (string?)(await bed.AgentStateAsync("1001"))["work"] is "idle" or "wrap_up", Wait, "1001 free again");
        var mark = agent.EventCount;
        using (var busyCall = await bed.Api.PostAsJsonAsync(new Uri("/api/v1/calls", UriKind.Relative), new { agent = "1001", to = "13812345671" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, busyCall.StatusCode);
        }

        await agent.WaitForEventAsync(BaresipAgent.EventTypes.CallClosed, Wait, after: mark);
        var busy = (await bed.WaitForCdrsAsync(2)).Single(c => (string?)c!["to"] == "+8613812345671")!;
        Assert.Equal("busy", (string?)busy["disposition"]);
        Assert.Equal(486, (int?)busy["sipCode"]);

        // On the do-not-call list: refused before anything rings.
        using (var dnc = await bed.Api.PostAsJsonAsync(new Uri("/api/v1/dnc", UriKind.Relative), new { numbers = new[] { "+8613812345672" }, source = "test" }))
        {
            Assert.True(dnc.IsSuccessStatusCode, await dnc.Content.ReadAsStringAsync());
        }

        var before = agent.EventCount;
        using var refused = await bed.Api.PostAsJsonAsync(new Uri("/api/v1/calls", UriKind.Relative), new { agent = "1001", to = "13812345672" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("do-not-call", (string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["detail"], StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.DoesNotContain(agent.Events.Skip(before), e => e.Type == BaresipAgent.EventTypes.CallIncoming);
        Assert.Equal(2, (await bed.CdrsAsync()).Count);
    }
}
