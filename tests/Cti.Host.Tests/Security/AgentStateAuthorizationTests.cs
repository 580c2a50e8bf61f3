using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using Cti.Host.Tests.Api;

namespace Cti.Host.Tests.Security;

/// <summary>
/// Agents see and change their own state only; supervisors of team blue (1001, 1002) force not-ready or logout on
/// their agents, never on team green's (1003–1005); forced changes are audited.
/// </summary>
public sealed class AgentStateAuthorizationTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync()
    {
        var directory = _host.DataDirectory;
        await _host.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task GetAgent_AgentKeyReadsAnotherAgent_403()
    {
        using var client = _host.CreateClient(TestHost.AgentKey);

        using var response = await client.GetAsync(new Uri("/api/v1/agents/1002", UriKind.Relative));

        await RoleMatrixTests.AssertForbiddenAsync(response);
    }

    [Fact]
    public async Task ListAgents_AgentKey_OnlyItself()
    {
        using var client = _host.CreateClient(TestHost.AgentKey);

        var agents = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/agents", UriKind.Relative));

        Assert.Equal(["1001"], agents.EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToArray());
    }

    [Fact]
    public async Task ListAgents_SupervisorKey_OnlyItsTeams()
    {
        using var client = _host.CreateClient(TestHost.SupervisorKey);

        var agents = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/agents", UriKind.Relative));

        Assert.Equal(["1001", "1002"], agents.EnumerateArray().Select(a => a.GetProperty("id").GetString()!).Order().ToArray());
    }

    [Fact]
    public async Task ListAgents_TeamFilter_AgentsOfThatTeam()
    {
        using var client = _host.CreateClient(TestHost.AdminKey);

        var agents = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/agents?team=green", UriKind.Relative));

        Assert.Equal(["1003", "1004", "1005"], agents.EnumerateArray().Select(a => a.GetProperty("id").GetString()!).Order().ToArray());
        Assert.All(agents.EnumerateArray(), a => Assert.Contains("green", a.GetProperty("config").GetProperty("teams").EnumerateArray().Select(t => t.GetString())));
    }

    [Fact]
    public async Task PostState_AgentKeyForAnotherAgent_403AndStateUnchanged()
    {
        using var client = _host.CreateClient(TestHost.AgentKey);

        using var response = await PostStateAsync(client, "1002", "login");

        await RoleMatrixTests.AssertForbiddenAsync(response);
        Assert.Equal("logged_out", await AvailabilityAsync("1002"));
    }

    [Fact]
    public async Task PostState_AgentKeyForItself_200()
    {
        using var client = _host.CreateClient(TestHost.AgentKey);

        using var response = await PostStateAsync(client, "1001", "login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", await AvailabilityAsync("1001"));
        using var admin = _host.CreateClient(TestHost.AdminKey);
        Assert.Empty(await RoleMatrixTests.AuditAsync(admin, "agent.state.forced"));
    }

    [Fact]
    public async Task PostState_SupervisorForcesAgentOutsideItsTeams_403StateUnchangedAndDenialAudited()
    {
        using var admin = _host.CreateClient(TestHost.AdminKey);
        using (var login = await PostStateAsync(admin, "1003", "login"))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        using var supervisor = _host.CreateClient(TestHost.SupervisorKey);
        using var response = await PostStateAsync(supervisor, "1003", "not-ready", "break");

        await RoleMatrixTests.AssertForbiddenAsync(response);
        Assert.Equal("ready", await AvailabilityAsync("1003"));
        var entries = await RoleMatrixTests.AuditAsync(admin, "agent.state.forced");
        var denied = Assert.Single(entries, e => e.GetProperty("key").GetString() == "test-supervisor");
        Assert.Equal("1003", denied.GetProperty("target").GetString());
        Assert.Equal("denied", denied.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task PostState_SupervisorForcesTeamAgentNotReady_200AndAudited()
    {
        using var agent = _host.CreateClient(TestHost.AgentKey);
        using (var login = await PostStateAsync(agent, "1001", "login"))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        using var supervisor = _host.CreateClient(TestHost.SupervisorKey);
        using var response = await PostStateAsync(supervisor, "1001", "not-ready", "meeting");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("not_ready", await AvailabilityAsync("1001"));
        using var admin = _host.CreateClient(TestHost.AdminKey);
        var entry = Assert.Single(await RoleMatrixTests.AuditAsync(admin, "agent.state.forced"));
        Assert.Equal("test-supervisor", entry.GetProperty("key").GetString());
        Assert.Equal("supervisor", entry.GetProperty("roles").GetString());
        Assert.Equal("1001", entry.GetProperty("target").GetString());
        Assert.Equal("succeeded", entry.GetProperty("outcome").GetString());
        Assert.Equal("not-ready (meeting)", entry.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task PostState_SupervisorForcesLogout_AgentLoggedOut()
    {
        using var agent = _host.CreateClient(TestHost.AgentKey);
        using (var login = await PostStateAsync(agent, "1001", "login"))
        {
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }

        using var supervisor = _host.CreateClient(TestHost.SupervisorKey);
        using var response = await PostStateAsync(supervisor, "1001", "logout");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("logged_out", await AvailabilityAsync("1001"));
    }

    [Fact]
    public async Task PostState_SupervisorTriesToMakeTeamAgentReady_403()
    {
        using var supervisor = _host.CreateClient(TestHost.SupervisorKey);

        using var response = await PostStateAsync(supervisor, "1002", "login");

        await RoleMatrixTests.AssertForbiddenAsync(response);
        Assert.Equal("logged_out", await AvailabilityAsync("1002"));
    }

    private static Task<HttpResponseMessage> PostStateAsync(HttpClient client, string agent, string action, string? reason = null) =>
        client.PostAsJsonAsync(new Uri($"/api/v1/agents/{agent}/state", UriKind.Relative), new { action, reason });

    private async Task<string?> AvailabilityAsync(string agent)
    {
        using var admin = _host.CreateClient(TestHost.AdminKey);
        var view = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/agents/{agent}", UriKind.Relative));
        return view.GetProperty("state").ValueKind == JsonValueKind.Null
            ? "logged_out"
            : view.GetProperty("state").GetProperty("availability").GetString();
    }
}
