using System.Net;
using System.Net.Http;
using System.Text.Json;
using Cti.Host.Tests.Api;
using Cti.Trunks;

namespace Cti.Host.Tests.Trunks;

/// <summary>The service with a trunk profile on a free port; a test carrier sends from 127.0.0.1 (allowed) or 127.0.0.3 (not).</summary>
public sealed class TrunkHostTests : IAsyncLifetime
{
    private readonly SipTestCarrierResponder _peer = new();
    private TestHost _host = null!;
    private int _trunkPort;

    public async Task InitializeAsync()
    {
        _trunkPort = FreePorts.Next();
        _host = await TestHost.StartAsync(
            null,
            "--Cti:Sip:Profiles:trunks:Address=127.0.0.1",
            $"--Cti:Sip:Profiles:trunks:Port={_trunkPort}",
            "--Cti:Sip:Profiles:trunks:Transports:0=udp",
            "--Cti:Trunks:0:Name=test-carrier",
            "--Cti:Trunks:0:Profile=trunks",
            $"--Cti:Trunks:0:Peers:0=127.0.0.1:{_peer.Port}",
            "--Cti:Trunks:0:AllowFrom:0=127.0.0.1/32",
            "--Cti:Trunks:0:Dids:100=support",
            "--Cti:Trunks:0:DefaultRegion=CN",
            "--Cti:Trunks:0:OptionsInterval=00:00:01");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _peer.DisposeAsync();
    }

    [Fact]
    public async Task Options_FromAllowedPeer_200WithoutRegisterInAllow()
    {
        using var carrier = new SipTestCarrier(_trunkPort);

        var response = await carrier.OptionsAsync();

        Assert.Equal(200, response.StatusCode);
        Assert.DoesNotContain("REGISTER", response.Headers.Get("Allow"), StringComparison.Ordinal);
        Assert.Contains("INVITE", response.Headers.Get("Allow"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_UnknownDid_404()
    {
        using var carrier = new SipTestCarrier(_trunkPort);

        var response = await carrier.InviteAsync("999", "13812345678");

        Assert.Equal(404, response.StatusCode);
    }

    [Fact]
    public async Task Invite_KnownDidWithoutSdpOffer_488NamingTheProblem()
    {
        using var carrier = new SipTestCarrier(_trunkPort);

        var response = await carrier.InviteAsync("100", "13812345678", "<sip:13812345678@carrier.example>");

        // Call control took the INVITE (no 480 placeholder) and refused it for its missing offer.
        Assert.Equal(488, response.StatusCode);
        Assert.Equal("SDP offer required", response.ReasonPhrase);
        Assert.Equal("application/sdp", response.Headers.Get("Accept"));
    }

    [Fact]
    public async Task Invite_SourceOutsideAllowFrom_403AndCounted()
    {
        using var carrier = new SipTestCarrier(_trunkPort, "127.0.0.3");

        var response = await carrier.InviteAsync("100", "13812345678");

        Assert.Equal(403, response.StatusCode);
        using var client = _host.CreateClient(apiKey: null);
        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("cti_trunk_rejected_total{reason=\"source_not_allowed\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_OnTrunkProfile_405WithAllowList()
    {
        using var carrier = new SipTestCarrier(_trunkPort);

        var response = await carrier.RegisterAsync();

        Assert.Equal(405, response.StatusCode);
        var allow = response.Headers.Get("Allow");
        Assert.NotNull(allow);
        Assert.DoesNotContain("REGISTER", allow, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_OnAgentsProfile_StillChallenged401()
    {
        using var carrier = new SipTestCarrier(_host.SipPort);

        var response = await carrier.RegisterAsync();

        Assert.Equal(401, response.StatusCode);
    }

    [Fact]
    public async Task KeepAlive_PeerAnswers_TrunkUpInApiAndMetrics()
    {
        using var client = _host.CreateClient();
        string? status = null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (status != "up" && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/trunks", UriKind.Relative)));
            status = Assert.Single(json.RootElement.EnumerateArray()).GetProperty("status").GetString();
            if (status != "up")
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal("up", status);
        Assert.True(_peer.OptionsReceived >= 1);
        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("cti_trunk_up{trunk=\"test-carrier\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrunksApi_ListsConfigurationAndNeedsKey()
    {
        using var anonymous = _host.CreateClient(apiKey: null);
        using var unauthorised = await anonymous.GetAsync(new Uri("/api/v1/trunks", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);

        using var client = _host.CreateClient();
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/trunks", UriKind.Relative)));
        var trunk = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("test-carrier", trunk.GetProperty("name").GetString());
        Assert.Equal("trunks", trunk.GetProperty("profile").GetString());
        Assert.Equal($"127.0.0.1:{_peer.Port}", Assert.Single(trunk.GetProperty("peers").EnumerateArray()).GetString());
        Assert.Equal("support", trunk.GetProperty("dids").GetProperty("100").GetString());
        using var missing = await client.GetAsync(new Uri("/api/v1/trunks/nope", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
