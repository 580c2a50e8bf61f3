using System.Net;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using Cti.Platform.Storage;
using Microsoft.Extensions.Options;

namespace Cti.Host.Tests.Api;

public sealed class HostEndpointsTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Healthz_ListenersUp_OkJsonNamingListeners()
    {
        using var client = _host.CreateClient(apiKey: null);

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        var listeners = json.RootElement.GetProperty("sipListeners").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Contains(listeners, l => l!.Contains($"127.0.0.1:{_host.SipPort}", StringComparison.Ordinal) && l.StartsWith("UDP", StringComparison.Ordinal));
        Assert.Contains(listeners, l => l!.StartsWith("TCP", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task Registrations_MissingOrWrongKey_401ProblemDetails(string? key)
    {
        using var client = _host.CreateClient(apiKey: key);

        using var response = await client.GetAsync(new Uri("/api/v1/registrations", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(401, json.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("X-Api-Key", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registrations_PhoneRegistersOverUdp_ListedWithContactDetails()
    {
        using var client = _host.CreateClient();
        Assert.Equal("[]", await client.GetStringAsync(new Uri("/api/v1/registrations", UriKind.Relative)));
        using var phone = new SipTestPhone(_host.SipPort);

        var registered = await phone.RegisterAsync("1002", "demo1002", expires: 600);

        Assert.Equal(200, registered.StatusCode);
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/registrations", UriKind.Relative)));
        var registration = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("1002", registration.GetProperty("extension").GetString());
        Assert.Equal("Agent 1002", registration.GetProperty("displayName").GetString());
        var contact = Assert.Single(registration.GetProperty("contacts").EnumerateArray());
        Assert.Equal($"sip:1002@127.0.0.1:{phone.LocalPort};transport=udp", contact.GetProperty("uri").GetString());
        Assert.InRange(contact.GetProperty("expires").GetInt32(), 590, 600);
        Assert.Equal("udp", contact.GetProperty("transport").GetString());
        Assert.Equal($"127.0.0.1:{phone.LocalPort}", contact.GetProperty("sourceAddress").GetString());
        Assert.Equal("TestPhone/1.0", contact.GetProperty("userAgent").GetString());
    }

    [Fact]
    public async Task Sip_WrongPassword_FreshChallengeAndCounted()
    {
        using var phone = new SipTestPhone(_host.SipPort);

        var response = await phone.RegisterAsync("1003", "not-the-password");

        Assert.Equal(401, response.StatusCode);
        using var client = _host.CreateClient(apiKey: null);
        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("cti_sip_auth_failures_total 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sip_Options_200WithAllowAndAccept()
    {
        using var phone = new SipTestPhone(_host.SipPort);

        var response = await phone.OptionsAsync();

        Assert.Equal(200, response.StatusCode);
        Assert.Contains("REGISTER", response.Headers.Get("Allow"), StringComparison.Ordinal);
        Assert.Equal("application/sdp", response.Headers.Get("Accept"));
    }

    [Fact]
    public async Task Metrics_NoAuth_ExposesEveryCtiMetric()
    {
        using var phone = new SipTestPhone(_host.SipPort);
        await phone.OptionsAsync();
        using var client = _host.CreateClient(apiKey: null);

        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        foreach (var name in new[]
                 {
                     "cti_sip_requests_total", "cti_sip_responses_total", "cti_sip_transactions_active", "cti_sip_parse_errors_total",
                     "cti_sip_auth_failures_total", "cti_sip_bans_total", "cti_registrar_registrations_active", "cti_registrar_bindings_active",
                 })
        {
            Assert.Contains("# TYPE " + name, metrics, StringComparison.Ordinal);
        }

        Assert.Contains("cti_sip_requests_total{method=\"OPTIONS\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("cti_sip_responses_total{status_class=\"2xx\"} 1", metrics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(TestHost.ApiKey, HttpStatusCode.OK)]
    public async Task GatewayLines_ApiKeyRequired(string? key, HttpStatusCode expected)
    {
        using var client = _host.CreateClient(apiKey: key);

        using var response = await client.GetAsync(new Uri("/api/v1/lines", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task UnknownPath_404ProblemDetails()
    {
        using var client = _host.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/nothing-here", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void Start_DataDirectory_HoldsMigratedDatabase() =>
        Assert.True(File.Exists(Path.Combine(_host.DataDirectory, SqliteDatabase.FileName)));
}
