using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cti.Host.Tests.Api;
using Cti.Host.Tests.Trunks;

namespace Cti.Host.Tests.Calls.Control;

/// <summary>
/// Refusals of <c>POST /api/v1/calls</c> (click to dial) against the running service, before anything rings: the
/// calling window is set to a day that is not today in the customer's zone.
/// </summary>
public sealed class ClickToDialApiTests : IAsyncLifetime
{
    private readonly SipTestCarrierResponder _peer = new();
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        var shanghai = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var otherDay = shanghai.AddDays(3).DayOfWeek.ToString();
        var mediaMin = MediaPortBlock.Find(16);
        _host = await TestHost.StartAsync(
            null,
            "--Cti:Trunks:0:Name=test-carrier",
            "--Cti:Trunks:0:Profile=trunks",
            $"--Cti:Trunks:0:Peers:0=127.0.0.1:{_peer.Port}",
            "--Cti:Trunks:0:AllowFrom:0=127.0.0.1/32",
            "--Cti:Trunks:0:DefaultRegion=CN",
            "--Cti:Media:Address=127.0.0.1",
            $"--Cti:Media:MinPort={mediaMin.ToString(CultureInfo.InvariantCulture)}",
            $"--Cti:Media:MaxPort={(mediaMin + 15).ToString(CultureInfo.InvariantCulture)}",
            $"--Cti:Calls:ClickToDial:WindowDays:0={otherDay}",
            "--Cti:Calls:ClickToDial:WindowStart=00:00:00",
            "--Cti:Calls:ClickToDial:WindowEnd=1.00:00:00");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _peer.DisposeAsync();
    }

    [Fact]
    public async Task OutsideTheCallingWindow_409NamingTheZone_NoCallStarted()
    {
        using var client = _host.CreateClient();

        using var response = await client.PostAsJsonAsync(new Uri("/api/v1/calls", UriKind.Relative), new { agent = "1001", to = "13812345678" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Asia/Shanghai", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"], StringComparison.Ordinal);
        Assert.Empty(JsonNode.Parse(await client.GetStringAsync(new Uri("/api/v1/calls", UriKind.Relative)))!["items"]!.AsArray());
    }

    [Theory]
    [InlineData("{\"to\":\"13812345678\"}", "agent")]
    [InlineData("{\"agent\":\"1001\"}", "to")]
    [InlineData("{\"agent\":\"1001\",\"to\":\"abc\"}", "to")]
    [InlineData("{\"agent\":\"1001\",\"to\":\"<sip:x>\"}", "to")]
    public async Task BadBody_400NamingTheField(string body, string field)
    {
        using var client = _host.CreateClient();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri("/api/v1/calls", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![field]);
    }
}
