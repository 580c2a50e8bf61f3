using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cti.Host.Tests.Api;

namespace Cti.Host.Tests.Security;

/// <summary>What each role may and may not call, through a real client against the in-process service.</summary>
public sealed class RoleMatrixTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync()
    {
        var directory = _host.DataDirectory;
        await _host.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    [Theory]
    [InlineData(TestHost.AgentKey, "GET", "/api/v1/queues")]
    [InlineData(TestHost.AgentKey, "GET", "/api/v1/events/history")]
    [InlineData(TestHost.AgentKey, "GET", "/api/v1/cdrs")]
    [InlineData(TestHost.AgentKey, "GET", "/api/v1/recordings")]
    [InlineData(TestHost.AgentKey, "GET", "/api/v1/registrations")]
    [InlineData(TestHost.QcKey, "GET", "/api/v1/events/history")]
    [InlineData(TestHost.QcKey, "GET", "/api/v1/agents")]
    [InlineData(TestHost.QcKey, "GET", "/api/v1/cdrs.csv")]
    [InlineData(TestHost.IntegratorKey, "GET", "/api/v1/cdrs.csv")]
    [InlineData(TestHost.IntegratorKey, "GET", "/api/v1/campaigns/demo-renewals/leads.csv")]
    [InlineData(TestHost.IntegratorKey, "GET", "/api/v1/recordings")]
    [InlineData(TestHost.IntegratorKey, "POST", "/api/v1/campaigns/demo-renewals/start")]
    [InlineData(TestHost.IntegratorKey, "POST", "/api/v1/agents/1001/state")]
    [InlineData(TestHost.IntegratorKey, "POST", "/api/v1/previews/x/dial")]
    [InlineData(TestHost.SupervisorKey, "GET", "/api/v1/cdrs.csv")]
    [InlineData(TestHost.SupervisorKey, "GET", "/api/v1/audit")]
    [InlineData(TestHost.SupervisorKey, "PUT", "/api/v1/queues/support")]
    [InlineData(TestHost.SupervisorKey, "POST", "/api/v1/lines/any/out-of-service")]
    [InlineData(TestHost.QcKey, "GET", "/api/v1/audit")]
    [InlineData(TestHost.IntegratorKey, "GET", "/api/v1/audit")]
    [InlineData(TestHost.SupervisorKey, "GET", "/api/v1/webhooks")]
    [InlineData(TestHost.IntegratorKey, "GET", "/api/v1/webhooks")]
    [InlineData(TestHost.IntegratorKey, "POST", "/api/v1/webhooks")]
    [InlineData(TestHost.AgentKey, "DELETE", "/api/v1/webhooks/crm")]
    [InlineData(TestHost.SupervisorKey, "POST", "/api/v1/webhooks/crm/replay")]
    public async Task Endpoint_RoleNotAdmitted_403ProblemDetails(string key, string method, string path)
    {
        using var client = _host.CreateClient(key);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (method != "GET")
        {
            request.Content = new StringContent("{\"action\":\"logout\"}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);

        await AssertForbiddenAsync(response);
    }

    [Theory]
    [InlineData(TestHost.IntegratorKey)]
    [InlineData(TestHost.SupervisorKey)]
    [InlineData(TestHost.AgentKey)]
    public async Task DeleteQueue_NotAdmin_403AndQueueStillThere(string key)
    {
        using var client = _host.CreateClient(key);

        using var response = await client.DeleteAsync(new Uri("/api/v1/queues/support", UriKind.Relative));

        await AssertForbiddenAsync(response);
        using var admin = _host.CreateClient(TestHost.AdminKey);
        using var queue = await admin.GetAsync(new Uri("/api/v1/queues/support", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
    }

    [Fact]
    public async Task DeleteCampaign_Integrator_403AndCampaignStillThere()
    {
        using var client = _host.CreateClient(TestHost.IntegratorKey);

        using var response = await client.DeleteAsync(new Uri("/api/v1/campaigns/demo-renewals", UriKind.Relative));

        await AssertForbiddenAsync(response);
        using var campaign = await client.GetAsync(new Uri("/api/v1/campaigns/demo-renewals", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, campaign.StatusCode);
    }

    [Fact]
    public async Task PutQueue_Integrator_403AndQueueNotCreated()
    {
        using var client = _host.CreateClient(TestHost.IntegratorKey);

        using var response = await client.PutAsJsonAsync(new Uri("/api/v1/queues/sneaky", UriKind.Relative), new { strategy = "round-robin" });

        await AssertForbiddenAsync(response);
        using var queue = await client.GetAsync(new Uri("/api/v1/queues/sneaky", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, queue.StatusCode);
    }

    [Fact]
    public async Task DeleteQueue_Admin_204AndAudited()
    {
        using var admin = _host.CreateClient(TestHost.AdminKey);
        using (var created = await admin.PutAsJsonAsync(new Uri("/api/v1/queues/spare", UriKind.Relative), new { strategy = "round-robin" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var response = await admin.DeleteAsync(new Uri("/api/v1/queues/spare", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var entries = await AuditAsync(admin, "queue.delete");
        var entry = Assert.Single(entries);
        Assert.Equal("spare", entry.GetProperty("target").GetString());
        Assert.Equal("test-admin", entry.GetProperty("key").GetString());
        Assert.Equal("succeeded", entry.GetProperty("outcome").GetString());
    }

    [Theory]
    [InlineData(TestHost.AdminKey, "/api/v1/queues")]
    [InlineData(TestHost.SupervisorKey, "/api/v1/queues")]
    [InlineData(TestHost.IntegratorKey, "/api/v1/queues")]
    [InlineData(TestHost.IntegratorKey, "/api/v1/events/history")]
    [InlineData(TestHost.IntegratorKey, "/api/v1/cdrs")]
    [InlineData(TestHost.IntegratorKey, "/api/v1/trunks")]
    [InlineData(TestHost.IntegratorKey, "/api/v1/routing/stats")]
    [InlineData(TestHost.QcKey, "/api/v1/cdrs")]
    [InlineData(TestHost.QcKey, "/api/v1/recordings")]
    [InlineData(TestHost.SupervisorKey, "/api/v1/recordings")]
    [InlineData(TestHost.AgentKey, "/api/v1/agents")]
    [InlineData(TestHost.AgentKey, "/api/v1/agents/1001")]
    [InlineData(TestHost.AgentKey, "/api/v1/previews")]
    [InlineData(TestHost.AdminKey, "/api/v1/audit")]
    [InlineData(TestHost.AdminKey, "/api/v1/webhooks")]
    public async Task Get_RoleAdmitted_200(string key, string path)
    {
        using var client = _host.CreateClient(key);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task StartCampaign_Supervisor_202()
    {
        using var client = _host.CreateClient(TestHost.SupervisorKey);

        using var response = await client.PostAsync(new Uri("/api/v1/campaigns/demo-renewals/pause", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/metrics")]
    public async Task HealthAndMetrics_NoKey_StillOpen(string path)
    {
        using var client = _host.CreateClient(apiKey: null);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Api_UnknownKey_401WithChallenge()
    {
        using var client = _host.CreateClient("not-a-configured-key");

        using var response = await client.GetAsync(new Uri("/api/v1/recordings", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("ApiKey header=\"X-Api-Key\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Disposition_AgentKeyForAnotherAgent_403()
    {
        using var client = _host.CreateClient(TestHost.AgentKey);

        using var response = await client.PostAsJsonAsync(
            new Uri("/api/v1/campaigns/demo-renewals/dispositions", UriKind.Relative),
            new { leadId = "L1", agentId = "1002", disposition = "success" });

        await AssertForbiddenAsync(response);
    }

    [Fact]
    public async Task Leads_Integrator_NumberNameAndFieldsHidden_AdminSeesThem()
    {
        using var admin = _host.CreateClient(TestHost.AdminKey);
        using var upload = new StringContent("phone,name,plan\n13812345678,Zhang Wei,gold\n", Encoding.UTF8, "text/csv");
        using (var imported = await admin.PostAsync(new Uri("/api/v1/campaigns/demo-renewals/lists?phone=phone&name=name&field=plan:plan", UriKind.Relative), upload))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        using var integrator = _host.CreateClient(TestHost.IntegratorKey);
        var hidden = (await integrator.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/campaigns/demo-renewals/leads", UriKind.Relative))).GetProperty("items")[0];
        var shown = (await admin.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/campaigns/demo-renewals/leads", UriKind.Relative))).GetProperty("items")[0];

        Assert.Equal("+86138****5678", hidden.GetProperty("phone").GetString());
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("name").ValueKind);
        Assert.Empty(hidden.GetProperty("fields").EnumerateObject());
        Assert.Equal("+8613812345678", shown.GetProperty("phone").GetString());
        Assert.Equal("Zhang Wei", shown.GetProperty("name").GetString());
        Assert.Equal("gold", shown.GetProperty("fields").GetProperty("plan").GetString());
    }

    [Fact]
    public async Task CdrCsv_Admin_ExportAudited()
    {
        using var admin = _host.CreateClient(TestHost.AdminKey);

        using var response = await admin.GetAsync(new Uri("/api/v1/cdrs.csv?queue=support", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(await AuditAsync(admin, "cdr.export"));
        Assert.Equal("?queue=support", entry.GetProperty("target").GetString());
        Assert.Equal("0 rows", entry.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Audit_BadQuery_400ListingEveryError()
    {
        using var admin = _host.CreateClient(TestHost.AdminKey);

        using var response = await admin.GetAsync(new Uri("/api/v1/audit?from=yesterday&limit=0&cursor=x", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = json.RootElement.GetProperty("errors");
        Assert.Equal(["cursor", "from", "limit"], errors.EnumerateObject().Select(p => p.Name).Order().ToArray());
    }

    internal static async Task AssertForbiddenAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(403, json.RootElement.GetProperty("status").GetInt32());
    }

    internal static async Task<JsonElement[]> AuditAsync(HttpClient admin, string action)
    {
        var page = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/audit?action={action}", UriKind.Relative));
        return [.. page.GetProperty("items").EnumerateArray()];
    }
}
