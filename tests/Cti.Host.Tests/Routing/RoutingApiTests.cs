using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cti.Acd;
using Cti.Host.Tests.Api;
using Cti.Routing.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace Cti.Host.Tests.Routing;

public sealed class RoutingApiTests : IAsyncLifetime
{
    private TestHost? _host;
    private HttpClient? _client;

    private HttpClient Client => _client!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync();
        _client = _host.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private Task<HttpResponseMessage> ChangeStateAsync(string agent, string action, string? reason = null) =>
        Client.PostAsJsonAsync($"/api/v1/agents/{agent}/state", new { action, reason });

    [Fact]
    public async Task GetQueues_WithoutApiKey_IsUnauthorized()
    {
        using var anonymous = _host!.CreateClient(apiKey: null);

        var response = await anonymous.GetAsync(new Uri("/api/v1/queues", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GetQueues_Demo_ListsSupportWithStrategy()
    {
        var queues = await Client.GetFromJsonAsync<JsonElement>("/api/v1/queues");

        var support = Assert.Single(queues.EnumerateArray());
        Assert.Equal("support", support.GetProperty("id").GetString());
        Assert.Equal("round-robin", support.GetProperty("strategy").GetString());
        Assert.Equal(0, support.GetProperty("agentsLoggedIn").GetInt32());
    }

    [Fact]
    public async Task PostState_LoginThenReady_StateVisibleOnAgentAndQueue()
    {
        var login = await ChangeStateAsync("1001", "login", "break");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var afterLogin = await login.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("not_ready", afterLogin.GetProperty("availability").GetString());
        Assert.Equal("break", afterLogin.GetProperty("reason").GetString());

        var ready = await ChangeStateAsync("1001", "ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("availability").GetString());

        var agent = await Client.GetFromJsonAsync<JsonElement>("/api/v1/agents/1001");
        var state = agent.GetProperty("state");
        Assert.Equal("ready", state.GetProperty("availability").GetString());
        Assert.Equal("idle", state.GetProperty("work").GetString());
        Assert.Equal("support", agent.GetProperty("config").GetProperty("queues")[0].GetProperty("queue").GetString());

        var queue = await Client.GetFromJsonAsync<JsonElement>("/api/v1/queues/support");
        Assert.Equal(1, queue.GetProperty("stats").GetProperty("agentsReady").GetInt32());

        var stats = await Client.GetFromJsonAsync<JsonElement>("/api/v1/routing/stats");
        Assert.Equal(1, stats.GetProperty("agentsByAvailability").GetProperty("ready").GetInt32());
        Assert.Equal(4, stats.GetProperty("agentsByAvailability").GetProperty("logged_out").GetInt32());
    }

    [Fact]
    public async Task PostState_IllegalTransition_Returns409WithEngineReason()
    {
        var response = await ChangeStateAsync("1002", "ready");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("NotLoggedIn", problem.GetProperty("reason").GetString());

        var agent = await Client.GetFromJsonAsync<JsonElement>("/api/v1/agents/1002");
        Assert.Equal("logged_out", agent.GetProperty("state").GetProperty("availability").GetString());
    }

    [Fact]
    public async Task PostState_UnknownReasonOrAction_Returns400ListingBoth()
    {
        var response = await ChangeStateAsync("1003", "nap", "coffee");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("state");
        Assert.Equal(2, errors.GetArrayLength());
        Assert.Contains("coffee", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("nap", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutQueue_Invalid_Returns400ListingEveryErrorAndKeepsOldConfig()
    {
        var body = new { strategy = "telepathy", ringTimeout = "00:00:00", overflowTarget = "queue:nowhere", requiredSkills = new[] { new { skill = "french", minimumProficiency = 3 } } };

        var response = await Client.PutAsJsonAsync("/api/v1/queues/support", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("routing").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(errors, e => e.Contains("telepathy", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("RingTimeout", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("nowhere", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("french", StringComparison.Ordinal));

        var queue = await Client.GetFromJsonAsync<JsonElement>("/api/v1/queues/support");
        Assert.Equal("round-robin", queue.GetProperty("config").GetProperty("strategy").GetString());
        Assert.Equal("00:00:20", queue.GetProperty("config").GetProperty("ringTimeout").GetString());
    }

    [Fact]
    public async Task PutQueue_ValidNewQueue_CreatedAndAppliedToEngine()
    {
        var response = await Client.PutAsJsonAsync("/api/v1/queues/sales", new { name = "Sales", strategy = "longest-idle", priority = 2 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var join = await Client.PutAsJsonAsync("/api/v1/agents/1004", new
        {
            skills = new[] { new { skill = "support", proficiency = 7 } },
            queues = new[] { new { queue = "support", tier = 0 }, new { queue = "sales", tier = 1 } },
        });
        Assert.Equal(HttpStatusCode.OK, join.StatusCode);

        var stats = await Client.GetFromJsonAsync<JsonElement>("/api/v1/routing/stats");
        Assert.Contains(stats.GetProperty("queues").EnumerateArray(), q => q.GetProperty("queueId").GetString() == "sales");
        var agent = await Client.GetFromJsonAsync<JsonElement>("/api/v1/agents/1004");
        Assert.Equal(2, agent.GetProperty("config").GetProperty("queues").GetArrayLength());
    }

    [Fact]
    public async Task PutAgent_NotASipAccount_Returns400()
    {
        var response = await Client.PutAsJsonAsync("/api/v1/agents/2999", new { queues = new[] { new { queue = "support" } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no SIP account", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync(new Uri("/api/v1/agents/2999", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task DeleteQueue_Support_RemovesQueueAndMemberships()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client.DeleteAsync(new Uri("/api/v1/queues/nowhere", UriKind.Relative))).StatusCode);

        var response = await Client.DeleteAsync(new Uri("/api/v1/queues/support", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty((await Client.GetFromJsonAsync<JsonElement>("/api/v1/queues")).EnumerateArray());
        var agent = await Client.GetFromJsonAsync<JsonElement>("/api/v1/agents/1001");
        Assert.Equal(0, agent.GetProperty("config").GetProperty("queues").GetArrayLength());
        var events = await Client.GetFromJsonAsync<JsonElement>("/api/v1/routing/events");
        Assert.Contains(events.EnumerateArray(), e => e.GetProperty("type").GetString() == "ConfigApplied");
    }

    [Fact]
    public async Task Metrics_AfterCallArrives_ExportAcdSeriesWithQueueLabel()
    {
        Assert.Equal(HttpStatusCode.OK, (await ChangeStateAsync("1005", "login", "meeting")).StatusCode);
        var engine = _host!.App.Services.GetRequiredService<AcdEngine>();
        engine.Post(new CallArrived("metrics-call", "support"));

        var text = await Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("cti_acd_waiting_calls{queue=\"support\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("cti_acd_calls_offered_total{queue=\"support\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("cti_acd_agents{state=\"not_ready\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("cti_acd_service_level_ratio{queue=\"support\",formula=\"answered\"}", text, StringComparison.Ordinal);
        Assert.Contains("cti_acd_wait_seconds_bucket{queue=\"support\"", text, StringComparison.Ordinal);
        Assert.Contains("cti_acd_occupancy_ratio", text, StringComparison.Ordinal);
    }
}
