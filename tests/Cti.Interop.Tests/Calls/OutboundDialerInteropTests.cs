using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Cti.Interop.Tests.Infrastructure;

namespace Cti.Interop.Tests.Calls;

/// <summary>
/// Real dialing: a progressive campaign places calls through the trunk to SIPp as the carrier, which answers some
/// numbers and answers busy or 404 for others; a baresip agent takes the answered call.
/// </summary>
public sealed class OutboundDialerInteropTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ProgressiveCampaign_AnsweredBusyAndInvalid_CdrsDispositionsNoRedialAndStopsWithoutAgents()
    {
        await using var carrier = await SippRunner.StartServerAsync(
            RepoPaths.Scenario("carrier-callee-mixed.xml"), new SippRunner.CallOptions { RtpEcho = true, CallLength = TimeSpan.FromSeconds(2) });
        await using var bed = await CallTestBed.StartAsync(customize: json =>
        {
            var cti = json["Cti"]!.AsObject();
            cti["Trunks"] = new JsonObject { ["demo-carrier"] = new JsonObject { ["Peers"] = new JsonArray(carrier.Target), ["OptionsInterval"] = "00:00:00" } };
            cti["Dialer"] = new JsonObject
            {
                ["Campaigns"] = new JsonObject
                {
                    ["demo-renewals"] = new JsonObject
                    {
                        ["Agents"] = new JsonArray("1001"),
                        ["WindowStart"] = "00:00",
                        ["WindowEnd"] = "23:59",
                        ["InitialState"] = "paused",
                    },
                },
            };
        });
        await using var agent = await bed.StartAgentAsync("1001");
        await bed.LoginAsync("1001");

        await UploadAsync(bed, "l1", "13812345671", "13812345674", "13812345672");
        using (var start = await bed.Api.PostAsync("/api/v1/campaigns/demo-renewals/start", null))
        {
            Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        }

        var cdrs = await bed.WaitForCdrsAsync(3, TimeSpan.FromSeconds(40));
        var byNumber = cdrs.ToDictionary(c => (string)c!["to"]!, c => c!.AsObject());
        Assert.Equal(3, byNumber.Count);
        Assert.Equal("busy", (string?)byNumber["+8613812345671"]["disposition"]);
        Assert.Equal(486, (int?)byNumber["+8613812345671"]["sipCode"]);
        Assert.Equal("invalid-number", (string?)byNumber["+8613812345674"]["disposition"]);
        var answered = byNumber["+8613812345672"];
        Assert.Equal("answered", (string?)answered["disposition"]);
        Assert.Equal("outbound", (string?)answered["direction"]);
        Assert.Equal("1001", (string?)answered["agent"]);
        Assert.Equal("demo-renewals", (string?)answered["campaign"]);
        Assert.Equal("callee", (string?)answered["hungUpBy"]);
        Assert.NotNull((string?)answered["lead"]);
        Assert.Contains(agent.Events, e => e.Type == BaresipAgent.EventTypes.CallEstablished);

        // The agent records the outcome of the conversation.
        using (var disposition = await bed.Api.PostAsJsonAsync("/api/v1/campaigns/demo-renewals/dispositions", new
        {
            callId = (string?)answered["callId"],
            agentId = "1001",
            disposition = "success",
        }))
        {
            Assert.True(disposition.IsSuccessStatusCode, await disposition.Content.ReadAsStringAsync());
        }

        var leads = await LeadsAsync(bed);
        var invalid = leads.Single(l => ((string)l!["phone"]!).EndsWith("674", StringComparison.Ordinal))!;
        Assert.Equal(1, (int)invalid["attempts"]!);
        Assert.Null((string?)invalid["nextDueAt"]);
        var success = leads.Single(l => ((string)l!["phone"]!).EndsWith("672", StringComparison.Ordinal))!;
        Assert.NotEqual("pending", (string?)success["state"]);

        // Without a logged-in agent the campaign places nothing, even with fresh leads.
        await bed.WaitUntilAsync(async () => (string?)(await bed.AgentStateAsync("1001"))["work"] == "idle", Wait, "1001 idle");
        using (var logout = await bed.Api.PostAsJsonAsync("/api/v1/agents/1001/state", new { action = "logout" }))
        {
            Assert.True(logout.IsSuccessStatusCode, await logout.Content.ReadAsStringAsync());
        }

        // The campaign sees agents on its refresh (a snapshot); once it has seen 1001 gone, nothing more is dialled.
        await bed.WaitUntilAsync(async () => await bed.MetricAsync("cti_dialer_agents_free{campaign=\"demo-renewals\"") == 0, Wait, "the campaign seeing no free agent");
        await UploadAsync(bed, "l2", "13912345682", "13912345692");
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(3, (await bed.CdrsAsync()).Count);
        Assert.Equal(3, await bed.MetricAsync("cti_calls_total{direction=\"outbound\""));
    }

    [Fact]
    public async Task PreviewCampaign_LeadShownToAgent_DialledOnRequest_AnsweredByThatAgent()
    {
        await using var carrier = await SippRunner.StartServerAsync(
            RepoPaths.Scenario("carrier-callee-mixed.xml"), new SippRunner.CallOptions { RtpEcho = true, CallLength = TimeSpan.FromSeconds(1) });
        await using var bed = await CallTestBed.StartAsync(customize: json =>
        {
            var cti = json["Cti"]!.AsObject();
            cti["Trunks"] = new JsonObject { ["demo-carrier"] = new JsonObject { ["Peers"] = new JsonArray(carrier.Target), ["OptionsInterval"] = "00:00:00" } };
            cti["Calls"] = new JsonObject { ["PreviewTimeout"] = "00:00:00" };
            cti["Dialer"] = new JsonObject
            {
                ["Campaigns"] = new JsonObject
                {
                    ["demo-renewals"] = new JsonObject
                    {
                        ["Mode"] = "preview",
                        ["Agents"] = new JsonArray("1001"),
                        ["WindowStart"] = "00:00",
                        ["WindowEnd"] = "23:59",
                        ["InitialState"] = "paused",
                    },
                },
            };
        });
        await using var agent = await bed.StartAgentAsync("1001");
        await bed.LoginAsync("1001");
        await UploadAsync(bed, "p1", "13812345672");
        using (var start = await bed.Api.PostAsync("/api/v1/campaigns/demo-renewals/start", null))
        {
            Assert.True(start.IsSuccessStatusCode, await start.Content.ReadAsStringAsync());
        }

        // The lead waits for the agent: shown, not dialled.
        JsonArray previews = [];
        await bed.WaitUntilAsync(
            async () => (previews = (await bed.Api.GetFromJsonAsync<JsonArray>("/api/v1/previews?agent=1001"))!).Count == 1,
            Wait,
            "a preview for 1001");
        var preview = previews[0]!;
        Assert.Equal("+8613812345672", (string?)preview["number"]);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(await bed.CdrsAsync());
        var offered = await bed.EventsAsync("lead.preview");
        Assert.Equal((string?)preview["callId"], (string?)Assert.Single(offered)!["subject"]);

        using (var dial = await bed.Api.PostAsync($"/api/v1/previews/{(string?)preview["callId"]}/dial", null))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, dial.StatusCode);
        }

        var cdr = Assert.Single(await bed.WaitForCdrsAsync(1))!;
        Assert.Equal("answered", (string?)cdr["disposition"]);
        Assert.Equal("1001", (string?)cdr["agent"]);
        Assert.Equal((string?)preview["callId"], (string?)cdr["callId"]);
        using var again = await bed.Api.PostAsync($"/api/v1/previews/{(string?)preview["callId"]}/dial", null);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, again.StatusCode);
    }

    private static async Task UploadAsync(CallTestBed bed, string list, params string[] numbers)
    {
        var csv = "phone,name\n" + string.Join("\n", numbers.Select((n, i) => $"{n},Lead {i}")) + "\n";
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await bed.Api.PostAsync($"/api/v1/campaigns/demo-renewals/lists?phone=phone&name=name&list={list}", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonArray> LeadsAsync(CallTestBed bed)
    {
        var page = await bed.Api.GetFromJsonAsync<JsonObject>("/api/v1/campaigns/demo-renewals/leads?limit=100");
        return page!["items"]!.AsArray();
    }
}
