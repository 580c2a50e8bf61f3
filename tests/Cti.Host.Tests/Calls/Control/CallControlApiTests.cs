using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Cti.Host.Tests.Api;
using Cti.Host.Tests.Trunks;
using Cti.Sip.Messages;

namespace Cti.Host.Tests.Calls.Control;

/// <summary>
/// Live calls and call control over HTTP against the running service, with a carrier's real UDP INVITE waiting in the
/// <c>support</c> queue (no agent is logged in, so the call stays waiting).
/// </summary>
public sealed class CallControlApiTests : IAsyncLifetime
{
    private readonly SipTestCarrierResponder _peer = new();
    private TestHost _host = null!;
    private int _trunkPort;

    public async Task InitializeAsync()
    {
        var mediaMin = MediaPortBlock.Find(16);
        (_host, _trunkPort) = await CallHostTests.StartHostAsync(_peer, mediaMin, mediaMin + 15);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _peer.DisposeAsync();
    }

    [Fact]
    public async Task WaitingCall_ListedDescribedRefusedWhatDoesNotFit_ThenHungUpByOperator()
    {
        using var carrier = new SipTestCarrier(_trunkPort);
        using var rtp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var invite = carrier.CreateInvite(CallHostTests.Did, CallHostTests.Caller, CallHostTests.Offer(((IPEndPoint)rtp.Client.LocalEndPoint!).Port));
        await carrier.SendOnlyAsync(invite);
        await carrier.ReceiveResponseAsync(r => r.CSeq?.Method == SipMethods.Invite && r.StatusCode == 183);
        using var client = _host.CreateClient();

        // Listed with the id its events carry, waiting in its queue, with its caller.
        var list = JsonNode.Parse(await client.GetStringAsync(new Uri("/api/v1/calls", UriKind.Relative)))!;
        var call = Assert.Single(list["items"]!.AsArray())!;
        var id = call["id"]!.GetValue<string>();
        Assert.Equal("inbound", call["direction"]!.GetValue<string>());
        Assert.Equal("waiting", call["state"]!.GetValue<string>());
        Assert.Equal("support", call["queue"]!.GetValue<string>());
        var caller = Assert.Single(call["legs"]!.AsArray())!;
        Assert.Equal("caller", caller["role"]!.GetValue<string>());
        Assert.EndsWith("5678", caller["party"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("waiting", caller["state"]!.GetValue<string>());
        Assert.Empty(JsonNode.Parse(await client.GetStringAsync(new Uri("/api/v1/calls?queue=sales", UriKind.Relative)))!["items"]!.AsArray());
        using (var history = await client.GetAsync(new Uri("/api/v1/events/history?limit=100", UriKind.Relative)))
        {
            var events = JsonNode.Parse(await history.Content.ReadAsStringAsync())!["events"]!.AsArray();
            Assert.Contains(events, e => e!["type"]!.GetValue<string>() == "com.cti.call.offered" && e["callid"]?.GetValue<string>() == id);
        }

        var one = JsonNode.Parse(await client.GetStringAsync(new Uri($"/api/v1/calls/{id}", UriKind.Relative)))!;
        Assert.Equal(id, one["id"]!.GetValue<string>());

        // Nobody is connected: hold and transfer do not fit, and say why.
        using (var hold = await client.PostAsync(new Uri($"/api/v1/calls/{id}/hold", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.Conflict, hold.StatusCode);
            var problem = JsonNode.Parse(await hold.Content.ReadAsStringAsync())!;
            Assert.Equal("waiting", problem["state"]!.GetValue<string>());
            Assert.Contains("waiting", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        using (var transfer = await client.PostAsJsonAsync(new Uri($"/api/v1/calls/{id}/transfer", UriKind.Relative), new { to = "1002" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, transfer.StatusCode);
        }

        using (var recording = await client.PostAsJsonAsync(new Uri($"/api/v1/calls/{id}/recording", UriKind.Relative), new { action = "pause" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, recording.StatusCode);
        }

        // Roles: an agent key bound to 1001 does not see or control a call 1001 is not on; an integrator reads only;
        // a qc key may not supervise; a forbidden request changes nothing.
        using (var agentKey = _host.CreateClient(TestHost.AgentKey))
        using (var integrator = _host.CreateClient(TestHost.IntegratorKey))
        using (var qc = _host.CreateClient(TestHost.QcKey))
        {
            Assert.Empty(JsonNode.Parse(await agentKey.GetStringAsync(new Uri("/api/v1/calls", UriKind.Relative)))!["items"]!.AsArray());
            using var agentHangup = await agentKey.PostAsync(new Uri($"/api/v1/calls/{id}/hangup", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.Forbidden, agentHangup.StatusCode);
            using var agentDials = await agentKey.PostAsJsonAsync(new Uri("/api/v1/calls", UriKind.Relative), new { agent = "1002", to = "13812345678" });
            Assert.Equal(HttpStatusCode.Forbidden, agentDials.StatusCode);
            Assert.Single(JsonNode.Parse(await integrator.GetStringAsync(new Uri("/api/v1/calls", UriKind.Relative)))!["items"]!.AsArray());
            using var integratorHangup = await integrator.PostAsync(new Uri($"/api/v1/calls/{id}/hangup", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.Forbidden, integratorHangup.StatusCode);
            using var qcMonitor = await qc.PostAsJsonAsync(new Uri($"/api/v1/calls/{id}/monitor", UriKind.Relative), new { supervisor = "1005" });
            Assert.Equal(HttpStatusCode.Forbidden, qcMonitor.StatusCode);
            Assert.Equal("waiting", JsonNode.Parse(await client.GetStringAsync(new Uri($"/api/v1/calls/{id}", UriKind.Relative)))!["state"]!.GetValue<string>());
        }

        // A wrap-up code given while the call lasts goes into its CDR.
        using (var disposition = await client.PostAsJsonAsync(new Uri($"/api/v1/calls/{id}/disposition", UriKind.Relative), new { code = "follow-up" }))
        {
            Assert.Equal(HttpStatusCode.OK, disposition.StatusCode);
        }

        // The operator releases the waiting caller: 480 to the carrier, a "released" CDR hung up by the operator.
        using (var hangup = await client.PostAsync(new Uri($"/api/v1/calls/{id}/hangup", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, hangup.StatusCode);
            Assert.Equal("ended", JsonNode.Parse(await hangup.Content.ReadAsStringAsync())!["state"]!.GetValue<string>());
        }

        var final = await carrier.ReceiveResponseAsync(r => r.CSeq?.Method == SipMethods.Invite && r.StatusCode >= 200);
        Assert.Equal(480, final.StatusCode);
        await carrier.SendOnlyAsync(SipTestCarrier.CreateAck(invite, final));
        var cdr = await CallHostTests.WaitForCdrAsync(client, "released");
        Assert.Equal(id, cdr["callId"]!.GetValue<string>());
        Assert.Equal("operator", cdr["hungUpBy"]!.GetValue<string>());

        Assert.Equal("follow-up", cdr["wrapUpCode"]!.GetValue<string>());

        using var gone = await client.GetAsync(new Uri($"/api/v1/calls/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);

        // In wrap-up, after the call: the code in the CDR changes, and both settings are events.
        using (var later = await client.PostAsJsonAsync(new Uri($"/api/v1/calls/{id}/disposition", UriKind.Relative), new { code = "resolved" }))
        {
            Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        }

        var stored = JsonNode.Parse(await client.GetStringAsync(new Uri($"/api/v1/cdrs/{id}", UriKind.Relative)))!;
        Assert.Equal("resolved", stored["wrapUpCode"]!.GetValue<string>());
        var codes = JsonNode.Parse(await client.GetStringAsync(new Uri("/api/v1/events/history?limit=100&types=call.disposition", UriKind.Relative)))!["events"]!.AsArray()
            .Where(e => e!["callid"]?.GetValue<string>() == id)
            .Select(e => e!["data"]!["code"]!.GetValue<string>())
            .ToArray();
        Assert.Equal(["follow-up", "resolved"], codes);
    }

    [Fact]
    public async Task Disposition_UnknownCodeOrCall_400Or404()
    {
        using var client = _host.CreateClient();

        using var badCode = await client.PostAsJsonAsync(new Uri("/api/v1/calls/nope/disposition", UriKind.Relative), new { code = "sold-it" });
        using var unknownCall = await client.PostAsJsonAsync(new Uri("/api/v1/calls/nope/disposition", UriKind.Relative), new { code = "sale" });

        Assert.Equal(HttpStatusCode.BadRequest, badCode.StatusCode);
        Assert.Contains("resolved", JsonNode.Parse(await badCode.Content.ReadAsStringAsync())!["errors"]!["code"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownCall.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/calls/nope/hangup", null)]
    [InlineData("/api/v1/calls/nope/hold", null)]
    [InlineData("/api/v1/calls/nope/transfer", "{\"to\":\"1002\"}")]
    public async Task UnknownCall_404ProblemDetails(string path, string? body)
    {
        using var client = _host.CreateClient();
        using var content = body is null ? null : new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("nope", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/calls/x/transfer", "{}", "to")]
    [InlineData("/api/v1/calls/x/transfer", "{\"to\":\"sip:evil@host>\"}", "to")]
    [InlineData("/api/v1/calls/x/transfer", "{\"to\":\"1002\",\"mode\":\"sideways\"}", "mode")]
    [InlineData("/api/v1/calls/x/recording", "{\"action\":\"stop\"}", "action")]
    public async Task BadBody_400NamingTheField(string path, string body, string field)
    {
        using var client = _host.CreateClient();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![field]);
    }
}
