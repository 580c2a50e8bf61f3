using System.Net;
using System.Net.Http;
using System.Text.Json;
using Cti.Cdrs;
using Cti.Events;
using Cti.Host.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Cti.Host.Tests.Cdrs;

public sealed class CdrEndpointTests : IAsyncLifetime
{
    private const string ViewerKey = "viewer-key-123-integrator";
    private const string ExporterKey = "exporter-key-123-legacy";
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.StartAsync(
            null,
            $"--Cti:Api:Keys:viewer:Key={ViewerKey}",
            "--Cti:Api:Keys:viewer:Roles:0=integrator",
            $"--Cti:Api:Keys:exporter:Key={ExporterKey}",
            "--Cti:Api:Keys:exporter:Roles:0=export");
        var writer = _host.App.Services.GetRequiredService<ICdrWriter>();
        Cdr[] cdrs =
        [
            CdrSamples.Answered("c-01", 0),
            CdrSamples.Abandoned("c-02", 1),
            CdrSamples.Answered("c-03", 2, queue: "support", agent: "1002"),
            CdrSamples.Answered("c-04", 3) with { Direction = CallDirection.Outbound, Campaign = "renewals", Lead = "L-7" },
            CdrSamples.Abandoned("c-05", 4, queue: "support"),
            CdrSamples.Answered("c-06", 5, agent: "1002"),
        ];
        foreach (var cdr in cdrs)
        {
            await writer.WriteAsync(cdr, [new CtiEvent(CtiEventTypes.CallEnded) { CallId = cdr.CallId }, CdrEvents.Written(cdr)]);
        }
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(string[] Ids, string? Next, JsonElement[] Items)> ListAsync(string query, string key = TestHost.ApiKey)
    {
        using var client = _host.CreateClient(key);
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/cdrs" + query, UriKind.Relative)));
        var items = json.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToArray();
        var next = json.RootElement.GetProperty("nextCursor").GetString();
        return ([.. items.Select(i => i.GetProperty("callId").GetString()!)], next, items);
    }

    [Theory]
    [InlineData("", "c-01,c-02,c-03,c-04,c-05,c-06")]
    [InlineData("?queue=support", "c-03,c-05")]
    [InlineData("?agent=1002", "c-03,c-06")]
    [InlineData("?disposition=abandoned", "c-02,c-05")]
    [InlineData("?direction=outbound", "c-04")]
    [InlineData("?queue=sales&disposition=answered&direction=inbound", "c-01,c-06")]
    [InlineData("?from=2026-03-02T09:01:00Z&to=2026-03-02T09:04:00Z", "c-02,c-03,c-04")]
    public async Task List_Filters_MatchingRecordsInStartOrder(string query, string expected)
    {
        var (ids, next, _) = await ListAsync(query);

        Assert.Equal(expected.Split(','), ids);
        Assert.Null(next);
    }

    [Fact]
    public async Task List_PagedWithCursor_WalksEverythingOnce()
    {
        var all = new List<string>();
        var (ids, next, _) = await ListAsync("?limit=4");
        all.AddRange(ids);
        Assert.NotNull(next);
        (ids, next, _) = await ListAsync("?limit=4&cursor=" + next);
        all.AddRange(ids);

        Assert.Null(next);
        Assert.Equal(["c-01", "c-02", "c-03", "c-04", "c-05", "c-06"], all);
    }

    [Fact]
    public async Task List_BadFilters_400ListingEveryError()
    {
        using var client = _host.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/cdrs?from=yesterday&to=2026-01-01&disposition=lost&direction=sideways&limit=1001&cursor=%21%21", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(
            ["cursor", "direction", "disposition", "from", "limit", "to"],
            json.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task List_KeyWithoutExportRole_NumbersMaskedEverywhere()
    {
        var (_, _, viewer) = await ListAsync("?queue=sales&limit=1", ViewerKey);
        var (_, _, admin) = await ListAsync("?queue=sales&limit=1");

        Assert.Equal("+86138****5678", viewer[0].GetProperty("from").GetString());
        Assert.Equal("+8610****0000", viewer[0].GetProperty("to").GetString());
        Assert.Equal("+86139****1111", viewer[0].GetProperty("transfers")[0].GetProperty("target").GetString());
        Assert.Equal("+8613812345678", admin[0].GetProperty("from").GetString());
        Assert.Equal("+8613900001111", admin[0].GetProperty("transfers")[0].GetProperty("target").GetString());
    }

    [Fact]
    public async Task Get_ExistingAndMissing_RecordOr404()
    {
        using var client = _host.CreateClient(ExporterKey);

        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/cdrs/c-04", UriKind.Relative)));
        using var missing = await client.GetAsync(new Uri("/api/v1/cdrs/nope", UriKind.Relative));

        Assert.Equal("outbound", json.RootElement.GetProperty("direction").GetString());
        Assert.Equal("renewals", json.RootElement.GetProperty("campaign").GetString());
        Assert.Equal("+8613812345678", json.RootElement.GetProperty("from").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Csv_ExportRole_AllFilteredRowsAndAuditRow()
    {
        using var client = _host.CreateClient(ExporterKey);

        using var response = await client.GetAsync(new Uri("/api/v1/cdrs.csv?queue=support", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(CdrCsv.Header, lines[0]);
        Assert.Equal(["c-03", "c-05"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Contains("+8613812345678", lines[1], StringComparison.Ordinal);
        var audit = Assert.Single(_host.App.Services.GetRequiredService<SqliteCdrStore>().ExportAudit());
        Assert.Equal(("exporter", "?queue=support", 2), audit);
    }

    [Fact]
    public async Task Csv_KeyWithoutExportRole_403AndNoAudit()
    {
        using var client = _host.CreateClient(ViewerKey);

        using var response = await client.GetAsync(new Uri("/api/v1/cdrs.csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(_host.App.Services.GetRequiredService<SqliteCdrStore>().ExportAudit());
    }

    [Fact]
    public async Task Csv_NoKey_401()
    {
        using var client = _host.CreateClient(apiKey: null);

        using var response = await client.GetAsync(new Uri("/api/v1/cdrs.csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_AfterWrites_CountedByDispositionAndDirection()
    {
        using var client = _host.CreateClient(apiKey: null);

        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("cti_cdrs_written_total{disposition=\"abandoned\",direction=\"inbound\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("cti_cdrs_written_total{disposition=\"answered\",direction=\"outbound\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("cti_events_published_total{type=\"cdr.written\"} 6", metrics, StringComparison.Ordinal);
    }
}
