using System.Globalization;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Cti.Host.Tests.Api;
using Cti.Host.Tests.Trunks;
using Cti.Sip.Messages;
using Cti.Sip.Sdp;

namespace Cti.Host.Tests.Calls;

/// <summary>
/// The service in-process with a trunk on a free port and its own RTP range; a test carrier sends real UDP INVITEs.
/// The demo routing queue <c>support</c> has no agent logged in, so accepted calls wait in the queue.
/// </summary>
public sealed class CallHostTests : IAsyncLifetime
{
    internal const string Did = "100";
    internal const string Caller = "13812345678";

    private readonly SipTestCarrierResponder _peer = new();
    private TestHost _host = null!;
    private int _trunkPort;
    private int _mediaMin;
    private int _mediaMax;

    public async Task InitializeAsync()
    {
        _mediaMin = MediaPortBlock.Find(16);
        _mediaMax = _mediaMin + 15;
        (_host, _trunkPort) = await StartHostAsync(_peer, _mediaMin, _mediaMax);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _peer.DisposeAsync();
    }

    internal static async Task<(TestHost Host, int TrunkPort)> StartHostAsync(SipTestCarrierResponder peer, int mediaMin, int mediaMax)
    {
        var trunkPort = FreePorts.Next();
        var host = await TestHost.StartAsync(
            null,
            "--Cti:Sip:Profiles:trunks:Address=127.0.0.1",
            $"--Cti:Sip:Profiles:trunks:Port={trunkPort}",
            "--Cti:Sip:Profiles:trunks:Transports:0=udp",
            "--Cti:Trunks:0:Name=test-carrier",
            "--Cti:Trunks:0:Profile=trunks",
            $"--Cti:Trunks:0:Peers:0=127.0.0.1:{peer.Port}",
            "--Cti:Trunks:0:AllowFrom:0=127.0.0.1/32",
            $"--Cti:Trunks:0:Dids:{Did}=support",
            "--Cti:Trunks:0:DefaultRegion=CN",
            "--Cti:Media:Address=127.0.0.1",
            $"--Cti:Media:MinPort={mediaMin}",
            $"--Cti:Media:MaxPort={mediaMax}",
            "--Cti:Media:RecordCalls=false");
        return (host, trunkPort);
    }

    internal static string Offer(int rtpPort, string formats = "8 0 101") =>
        "v=0\r\n" +
        "o=carrier 4711 1 IN IP4 127.0.0.1\r\n" +
        "s=-\r\n" +
        "c=IN IP4 127.0.0.1\r\n" +
        "t=0 0\r\n" +
        $"m=audio {rtpPort.ToString(CultureInfo.InvariantCulture)} RTP/AVP {formats}\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:18 G729/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-15\r\n" +
        "a=sendrecv\r\n";

    internal static async Task<string> MetricsAsync(TestHost host)
    {
        using var client = host.CreateClient(apiKey: null);
        return await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
    }

    [Fact]
    public async Task Invite_MalformedSdp_488MalformedSdpAndCounted()
    {
        using var carrier = new SipTestCarrier(_trunkPort);

        var response = await carrier.RequestAsync(carrier.CreateInvite(Did, Caller, "this is not a session description\r\n"));

        Assert.Equal(488, response.StatusCode);
        Assert.Equal("Malformed SDP", response.ReasonPhrase);
        Assert.Equal("application/sdp", response.Headers.Get(SipHeaderNames.Accept));
        Assert.Contains("cti_calls_rejected_total{reason=\"bad-sdp\"} 1", await MetricsAsync(_host), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_OnlyG729Offered_488WithAcceptSdp()
    {
        using var carrier = new SipTestCarrier(_trunkPort);
        using var rtp = new UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));

        var response = await carrier.RequestAsync(carrier.CreateInvite(Did, Caller, Offer(((System.Net.IPEndPoint)rtp.Client.LocalEndPoint!).Port, "18")));

        Assert.Equal(488, response.StatusCode);
        Assert.Equal("application/sdp", response.Headers.Get(SipHeaderNames.Accept));
        Assert.True(response.Body.IsEmpty);
        var metrics = await MetricsAsync(_host);
        Assert.Contains("cti_calls_rejected_total{reason=\"no-common-codec\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("cti_calls_active 0", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_ValidOfferNoAgentLoggedIn_EarlyMediaAnswerThenCancel_487AndAbandonedCdr()
    {
        using var carrier = new SipTestCarrier(_trunkPort);
        using var rtp = new UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var invite = carrier.CreateInvite(Did, Caller, Offer(((System.Net.IPEndPoint)rtp.Client.LocalEndPoint!).Port));

        await carrier.SendOnlyAsync(invite);
        var provisional = new List<int>();
        var progress = await carrier.ReceiveResponseAsync(r =>
        {
            provisional.Add(r.StatusCode);
            return r.CSeq?.Method == SipMethods.Invite && r.StatusCode != 100;
        });

        Assert.Equal([100, 183], provisional);

        // Early media: 183 with the relay's SDP answer on the configured media address and range.
        Assert.Equal(183, progress.StatusCode);
        Assert.False(string.IsNullOrEmpty(progress.To?.Tag));
        Assert.Equal("application/sdp", progress.ContentType);
        Assert.True(SdpParser.TryParse(progress.Body.Span, out var answer, out var error), error.ToString());
        var audio = Assert.Single(answer.Media);
        Assert.Equal("127.0.0.1", (audio.Connection ?? answer.Connection)!.Address);
        Assert.InRange(audio.Port, _mediaMin, _mediaMax);
        Assert.Equal(0, audio.Port % 2);
        var codec = int.Parse(audio.Formats[0], CultureInfo.InvariantCulture);
        Assert.Contains(codec, new[] { 0, 8 });
        Assert.DoesNotContain("18", audio.Formats);

        // The welcome prompt plays to the caller from the port in the answer, in the chosen codec.
        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            var packet = await rtp.ReceiveAsync(wait.Token);
            Assert.Equal(2, packet.Buffer[0] >> 6);
            Assert.Equal(codec, packet.Buffer[1] & 0x7f);
            Assert.Equal(audio.Port, packet.RemoteEndPoint.Port);
        }

        using var client = _host.CreateClient();
        Assert.Contains("cti_calls_active 1", await MetricsAsync(_host), StringComparison.Ordinal);

        await carrier.SendOnlyAsync(SipTestCarrier.CreateCancel(invite));
        var cancelOk = await carrier.ReceiveResponseAsync(r => r.CSeq?.Method == SipMethods.Cancel);
        Assert.Equal(200, cancelOk.StatusCode);
        var terminated = await carrier.ReceiveResponseAsync(r => r.CSeq?.Method == SipMethods.Invite && r.StatusCode >= 200);
        Assert.Equal(487, terminated.StatusCode);
        await carrier.SendOnlyAsync(SipTestCarrier.CreateAck(invite, terminated));

        var cdr = await WaitForCdrAsync(client, "abandoned");
        Assert.Equal("inbound", cdr["direction"]!.GetValue<string>());
        Assert.Equal("test-carrier", cdr["trunk"]!.GetValue<string>());
        Assert.Equal("support", cdr["queue"]!.GetValue<string>());
        Assert.Equal("caller", cdr["hungUpBy"]!.GetValue<string>());
        Assert.Equal(487, cdr["sipCode"]!.GetValue<int>());
        Assert.Null(cdr["answeredAt"]);
        Assert.Null(cdr["agent"]);
        Assert.Equal(0, cdr["talkSeconds"]!.GetValue<double>());

        var callId = cdr["callId"]!.GetValue<string>();
        using var history = await client.GetAsync(new Uri("/api/v1/events/history?limit=1000", UriKind.Relative));
        var events = JsonNode.Parse(await history.Content.ReadAsStringAsync())!["events"]!.AsArray()
            .Where(e => e!["callid"]?.GetValue<string>() == callId)
            .Select(e => e!["type"]!.GetValue<string>()["com.cti.".Length..])
            .ToList();
        Assert.Equal("call.offered", events[0]);
        Assert.Contains("call.queued", events);
        Assert.Equal(["call.ended", "cdr.written"], events[^2..]);

        var metrics = await MetricsAsync(_host);
        Assert.Contains("cti_calls_active 0", metrics, StringComparison.Ordinal);
        Assert.Contains("cti_calls_total{direction=\"inbound\",disposition=\"abandoned\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invite_QueuedCall_RtpMetricsGrowWhileTheCallLasts()
    {
        using var carrier = new SipTestCarrier(_trunkPort);
        using var rtp = new UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var invite = carrier.CreateInvite(Did, Caller, Offer(((System.Net.IPEndPoint)rtp.Client.LocalEndPoint!).Port));
        await carrier.SendOnlyAsync(invite);
        await carrier.ReceiveResponseAsync(r => r.CSeq?.Method == SipMethods.Invite && r.StatusCode == 183);

        // The welcome prompt flows to the caller; the collector adds it to the counter before anyone hangs up.
        var deadline = DateTime.UtcNow + Cti.Calls.CallMediaMetricsCollector.Interval * 3;
        double relayed = 0;
        while (relayed == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            var line = (await MetricsAsync(_host)).Split('\n').FirstOrDefault(l => l.StartsWith("cti_rtp_packets_relayed_total{direction=\"to_caller\"}", StringComparison.Ordinal));
            relayed = line is null ? 0 : double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }

        Assert.True(relayed > 0, "no relayed packets counted while the call was in progress");
        Assert.Contains("cti_calls_active 1", await MetricsAsync(_host), StringComparison.Ordinal);
        await carrier.SendOnlyAsync(SipTestCarrier.CreateCancel(invite));
        var terminated = await carrier.ReceiveResponseAsync(r => r.CSeq?.Method == SipMethods.Invite && r.StatusCode >= 200);
        await carrier.SendOnlyAsync(SipTestCarrier.CreateAck(invite, terminated));
    }

    internal static async Task<JsonNode> WaitForCdrAsync(HttpClient client, string disposition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var page = JsonNode.Parse(await client.GetStringAsync(new Uri("/api/v1/cdrs?limit=100", UriKind.Relative)))!;
            var match = page["items"]!.AsArray().FirstOrDefault(c => c!["disposition"]!.GetValue<string>() == disposition);
            if (match is not null)
            {
                return match;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"no CDR with disposition {disposition}: {page.ToJsonString()}");
            await Task.Delay(50);
        }
    }
}
