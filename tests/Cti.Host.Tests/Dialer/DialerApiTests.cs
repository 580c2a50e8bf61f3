using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cti.Campaigns;
using Cti.Host.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Cti.Host.Tests.Dialer;

/// <summary>The dialer API through a real HttpClient against the service started in-process.</summary>
public sealed class DialerApiTests : IAsyncLifetime
{
    private const string ReaderKey = "reader-key-456-integrator";
    private const string ExporterKey = "exporter-key-789-legacy";
    private const string Campaign = "demo-renewals";

    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(
        null,
        $"--Cti:Api:Keys:reader:Key={ReaderKey}",
        "--Cti:Api:Keys:reader:Roles:0=integrator",
        $"--Cti:Api:Keys:exporter:Key={ExporterKey}",
        "--Cti:Api:Keys:exporter:Roles:0=export");

    public async Task DisposeAsync()
    {
        var directory = _host.DataDirectory;
        await _host.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }

    private static ByteArrayContent Csv(string text, bool bom = true)
    {
        byte[] bytes = [.. bom ? Encoding.UTF8.GetPreamble() : [], .. Encoding.UTF8.GetBytes(text)];
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        return content;
    }

    private static async Task<JsonElement> UploadDemoListAsync(HttpClient client)
    {
        const string csv = "手机,姓名,保险到期\n"
            + "13812345678,张伟,2026-05-01\n"
            + "not-a-number,李娜,2026-06-01\n"
            + "+86 139 1234 5678,王芳,2026-07-01\n"
            + "138-1234-5678,重复,2026-08-01\n"
            + ",空号,\n";
        using var response = await client.PostAsync(
            $"/api/v1/campaigns/{Campaign}/lists?phone=手机&name=姓名&field=保险到期:insurance_expiry&list=spring",
            Csv(csv));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task PostList_CsvWithBomChineseNamesBadRowsAndDuplicates_ReportsEveryRow()
    {
        using var client = _host.CreateClient();

        var result = await UploadDemoListAsync(client);

        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
        Assert.Equal(1, result.GetProperty("duplicatesInList").GetInt32());
        var rejected = result.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("row").GetInt32());
        Assert.Equal([3, 5, 6], rejected.Keys.Order());
        Assert.Contains("duplicate", rejected[5].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("+86138****5678", rejected[5].GetProperty("phone").GetString());
        Assert.Contains("empty", rejected[6].GetProperty("reason").GetString(), StringComparison.Ordinal);

        var leads = await client.GetFromJsonAsync<JsonElement>($"/api/v1/campaigns/{Campaign}/leads");
        var first = leads.GetProperty("items")[0];
        Assert.Equal("张伟", first.GetProperty("name").GetString());
        Assert.Equal("2026-05-01", first.GetProperty("fields").GetProperty("insurance_expiry").GetString());

        // Uploading the same list id again is refused; a new list with a known number counts a campaign duplicate.
        using var again = await client.PostAsync($"/api/v1/campaigns/{Campaign}/lists?phone=手机&list=spring", Csv("手机\n13700000001\n"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        using var second = await client.PostAsync($"/api/v1/campaigns/{Campaign}/lists?phone=手机", Csv("手机\n13812345678\n", bom: false));
        var secondResult = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, secondResult.GetProperty("duplicatesInCampaign").GetInt32());
    }

    [Fact]
    public async Task PostList_MultipartWithJsonMapping_StoresCustomFields()
    {
        using var client = _host.CreateClient();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("mobile,who,plan\n13812345678,陈静,gold\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "leads.csv");
        form.Add(new StringContent("""{"phone":"mobile","name":"who","fields":{"plan":"plan_tier"}}"""), "mapping");

        using var response = await client.PostAsync($"/api/v1/campaigns/{Campaign}/lists", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var leads = await client.GetFromJsonAsync<JsonElement>($"/api/v1/campaigns/{Campaign}/leads?limit=10");
        var lead = Assert.Single(leads.GetProperty("items").EnumerateArray());
        Assert.Equal("gold", lead.GetProperty("fields").GetProperty("plan_tier").GetString());
        Assert.Equal("陈静", lead.GetProperty("name").GetString());
    }

    [Fact]
    public async Task GetLeads_KeyWithoutExportRole_MasksNumbers()
    {
        using var admin = _host.CreateClient();
        await UploadDemoListAsync(admin);
        using var reader = _host.CreateClient(ReaderKey);

        var masked = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/campaigns/{Campaign}/leads");
        var full = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/campaigns/{Campaign}/leads");

        Assert.Equal(2, masked.GetProperty("total").GetInt32());
        Assert.All(masked.GetProperty("items").EnumerateArray(), l => Assert.Contains("****", l.GetProperty("phone").GetString(), StringComparison.Ordinal));
        Assert.Equal("+86138****5678", masked.GetProperty("items")[0].GetProperty("phone").GetString());
        Assert.Equal("+8613812345678", full.GetProperty("items")[0].GetProperty("phone").GetString());
    }

    [Fact]
    public async Task GetLeadsCsv_ReaderForbiddenExporterAllowedAndAudited()
    {
        using var admin = _host.CreateClient();
        await UploadDemoListAsync(admin);
        using var reader = _host.CreateClient(ReaderKey);
        using var exporter = _host.CreateClient(ExporterKey);

        using var forbidden = await reader.GetAsync($"/api/v1/campaigns/{Campaign}/leads.csv");
        using var allowed = await exporter.GetAsync($"/api/v1/campaigns/{Campaign}/leads.csv");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var text = Encoding.UTF8.GetString(await allowed.Content.ReadAsByteArrayAsync());
        Assert.Contains("+8613812345678,张伟", text, StringComparison.Ordinal);
        var audit = _host.App.Services.GetRequiredService<SqliteCampaignStore>().GetExportAudit();
        var row = Assert.Single(audit);
        Assert.Equal((Campaign, "exporter", 2), (row.CampaignId, row.KeyName, row.Rows));
    }

    [Fact]
    public async Task PostCampaign_InvalidDefinition_ListsEveryError()
    {
        using var client = _host.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/campaigns", new { id = "Bad Id", mode = "turbo", windowEnd = "25:00", maxAttempts = 0 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "id", "mode", "windowEnd", "campaign" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"missing error for {field}: {problem}");
        }

        Assert.True(errors.GetProperty("campaign").GetArrayLength() >= 3);
    }

    [Fact]
    public async Task StartDemoCampaign_NoAgentLoggedIn_RunsButPlacesNoCalls()
    {
        using var client = _host.CreateClient();
        await UploadDemoListAsync(client);
        var before = await client.GetFromJsonAsync<JsonElement>($"/api/v1/campaigns/{Campaign}");
        Assert.Equal("paused", before.GetProperty("status").GetProperty("state").GetString());

        using var start = await client.PostAsync($"/api/v1/campaigns/{Campaign}/start", null);

        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var status = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/campaigns/{Campaign}")).GetProperty("status");
        Assert.Equal("running", status.GetProperty("state").GetString());
        Assert.Equal("progressive", status.GetProperty("mode").GetString());
        Assert.Equal(0, status.GetProperty("callsPlaced").GetInt64());
        Assert.Equal(0, status.GetProperty("pendingDialRequests").GetInt32());
        Assert.Equal(2, status.GetProperty("leadsLeft").GetInt32());
        Assert.Equal(0, status.GetProperty("agentsFree").GetInt32());
        var metrics = await client.GetStringAsync("/metrics");
        Assert.Contains("cti_dialer_leads_remaining{campaign=\"demo-renewals\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostDisposition_DoNotCall_NumberIsPermanentOnDncList()
    {
        using var client = _host.CreateClient();
        await UploadDemoListAsync(client);
        var leads = await client.GetFromJsonAsync<JsonElement>($"/api/v1/campaigns/{Campaign}/leads");
        var leadId = leads.GetProperty("items")[0].GetProperty("leadId").GetString();

        using var bad = await client.PostAsJsonAsync($"/api/v1/campaigns/{Campaign}/dispositions", new { disposition = "maybe" });
        using var response = await client.PostAsJsonAsync($"/api/v1/campaigns/{Campaign}/dispositions", new { leadId, agentId = "1001", disposition = "do-not-call" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badErrors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(badErrors.TryGetProperty("callId", out _) && badErrors.TryGetProperty("agentId", out _) && badErrors.TryGetProperty("disposition", out _));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var entry = await client.GetFromJsonAsync<JsonElement>("/api/v1/dnc/+8613812345678");
        Assert.Equal("disposition", entry.GetProperty("source").GetString());
        using var delete = await client.DeleteAsync("/api/v1/dnc/+8613812345678");
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        var lead = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/campaigns/{Campaign}/leads")).GetProperty("items")[0];
        Assert.Equal("DoNotCall", lead.GetProperty("state").GetString());
    }

    [Fact]
    public async Task PostDnc_AddAndImport_ValidNumbersAddedOthersRejected()
    {
        using var client = _host.CreateClient();

        using var add = await client.PostAsJsonAsync("/api/v1/dnc", new { numbers = new[] { "13812345678", "12" } });
        using var import = await client.PostAsync("/api/v1/dnc/import", new StringContent("# list\n13912345678\nbogus\n", Encoding.UTF8, "text/plain"));
        using var delete = await client.DeleteAsync("/api/v1/dnc/13812345678");

        var added = await add.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, added.GetProperty("added").GetInt32());
        Assert.Equal(2, added.GetProperty("rejected")[0].GetProperty("position").GetInt32());
        var imported = await import.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, imported.GetProperty("added").GetInt32());
        Assert.Equal(3, imported.GetProperty("rejectedLines")[0].GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var gone = await client.GetAsync("/api/v1/dnc/13812345678");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task CampaignsApi_WithoutKey_Unauthorized()
    {
        using var client = _host.CreateClient(apiKey: null);

        using var response = await client.GetAsync("/api/v1/campaigns");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
