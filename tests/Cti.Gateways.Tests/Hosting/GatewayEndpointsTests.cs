using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cti.Gateways.Hosting;
using Cti.Gateways.Lines;
using Cti.Gateways.Tests.TestKit;
using Cti.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cti.Gateways.Tests.Hosting;

public sealed class GatewayEndpointsTests : IAsyncLifetime
{
    private const string AdminKey = "gateway-admin-key-01";
    private const string IntegratorKey = "gateway-reader-key-01";

    private readonly CancellationTokenSource _stop = new();
    private WebApplication? _app;
    private GatewayLine? _line;
    private Task? _loop;
    private HttpClient? _client;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _line = new GatewayLine(GatewayRig.FastOptions("/dev/null-gateway"), TimeProvider.System, new GatewayMetrics(Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry())), NullLogger<GatewayLine>.Instance);
        builder.Services.AddSingleton<IGatewayLineRegistry>(new GatewayLineRegistry([_line]));
        builder.Services.AddProblemDetails();
        var api = new ApiOptions();
        api.Keys.Add(new ApiKeyOptions { Name = "admin", Key = AdminKey, Roles = { ApiRoles.Admin } });
        api.Keys.Add(new ApiKeyOptions { Name = "reader", Key = IntegratorKey, Roles = { ApiRoles.Integrator } });
        builder.Services.AddSingleton(new ApiKeyStore(api));
        builder.Services.AddApiAuthorization();
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapGatewayApi();
        await _app.StartAsync();
        _loop = _line.RunAsync(_stop.Token);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(5) };
        _client.DefaultRequestHeaders.Add(ApiKeyDefaults.HeaderName, AdminKey);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(5));
        }

        _client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _stop.Dispose();
    }

    [Fact]
    public async Task GetLines_OneConfigured_ListsItWithStringEnums()
    {
        var json = await _client!.GetFromJsonAsync<JsonElement>("/api/v1/lines");

        var line = Assert.Single(json.EnumerateArray());
        Assert.Equal("gsm1", line.GetProperty("name").GetString());
        Assert.Equal("Starting", line.GetProperty("status").GetString());
        Assert.Equal("sip:ch1@10.0.0.20", line.GetProperty("audioEndpoint").GetString());
    }

    [Fact]
    public async Task GetLine_Unknown_ProblemDetails404()
    {
        var response = await _client!.GetAsync(new Uri("/api/v1/lines/nope", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("nope", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutOfServiceThenInService_ChangesStatusWithReason()
    {
        var oos = await _client!.PostAsJsonAsync("/api/v1/lines/gsm1/out-of-service", new { reason = "SIM rotation" });
        var during = await _client!.GetFromJsonAsync<JsonElement>("/api/v1/lines/gsm1");
        var back = await _client!.PostAsync(new Uri("/api/v1/lines/gsm1/in-service", UriKind.Relative), null);
        var after = await back.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, oos.StatusCode);
        Assert.Equal("OutOfService", during.GetProperty("status").GetString());
        Assert.Equal("SIM rotation", during.GetProperty("statusReason").GetString());
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal("Starting", after.GetProperty("status").GetString());
    }

    [Fact]
    public async Task OutOfService_IntegratorKey_403AndLineStillStarting()
    {
        using var reader = new HttpClient { BaseAddress = _client!.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        reader.DefaultRequestHeaders.Add(ApiKeyDefaults.HeaderName, IntegratorKey);

        var oos = await reader.PostAsJsonAsync("/api/v1/lines/gsm1/out-of-service", new { reason = "not mine" });
        var line = await reader.GetFromJsonAsync<JsonElement>("/api/v1/lines/gsm1");

        Assert.Equal(HttpStatusCode.Forbidden, oos.StatusCode);
        Assert.Equal("application/problem+json", oos.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Starting", line.GetProperty("status").GetString());
    }

    [Fact]
    public async Task GetLines_NoKey_401()
    {
        using var anonymous = new HttpClient { BaseAddress = _client!.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };

        var response = await anonymous.GetAsync(new Uri("/api/v1/lines", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
