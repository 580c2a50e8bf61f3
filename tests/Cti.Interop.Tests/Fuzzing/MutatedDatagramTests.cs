using System.Net.Http;
using System.Text;
using Cti.Interop.Tests.Infrastructure;

namespace Cti.Interop.Tests.Fuzzing;

/// <summary>
/// Mutated SIP datagrams (byte flips, truncations, duplicated and dropped lines, inserted garbage) sent to the running
/// service never stop it: afterwards it still answers OPTIONS and /healthz, and the parse errors were counted.
/// </summary>
public sealed class MutatedDatagramTests
{
    private const int Datagrams = 3000;

    [Fact]
    public async Task MutatedDatagrams_NeverStopTheService()
    {
        await using var host = new CtiHostProcess();
        await host.StartAsync();
        var seeds = Directory.GetFiles(RepoPaths.Rfc4475, "*.dat").Select(File.ReadAllBytes).ToArray();
        var random = new Random(4475);
        using (var client = new SipDatagramClient())
        {
            for (var i = 0; i < Datagrams; i++)
            {
                await client.SendAsync(Mutate(seeds[random.Next(seeds.Length)], random), host.SipPort);
                if (i % 200 == 199)
                {
                    // Bounded pace: let the service drain its socket so the test measures robustness, not loss.
                    await Task.Delay(20);
                }
            }
        }

        Assert.False(host.HasExited, "the service stopped:\n" + host.Output);
        using var probe = new SipDatagramClient();
        var reply = await probe.RequestAsync(Options(host.SipPort), host.SipPort, TimeSpan.FromSeconds(10));
        Assert.Equal(200, reply?.StatusCode);

        using var http = host.CreateApiClient();
        using var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.True(health.IsSuccessStatusCode);
        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var parseErrors = metrics.Split('\n').Where(l => l.StartsWith("cti_sip_parse_errors_total{", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(parseErrors > 100, $"only {parseErrors} parse errors counted for {Datagrams} mutated datagrams");
    }

    /// <summary>
    /// Call control's input: INVITEs to the demo DID whose SDP offer (with a correct Content-Length) or whole datagram is
    /// mutated. Afterwards the service still answers, refused offers were counted, and it stops cleanly (ending every
    /// call it took with a CDR).
    /// </summary>
    [Fact]
    public async Task MutatedTrunkInvites_NeverStopTheService_AndItStopsCleanly()
    {
        const int invites = 800;
        await using var host = new CtiHostProcess();
        await host.StartAsync();
        var random = new Random(3264);
        using (var client = new SipDatagramClient())
        {
            for (var i = 0; i < invites; i++)
            {
                var sdp = Encoding.ASCII.GetBytes(SeedSdp);
                var datagram = random.Next(3) == 0
                    ? Mutate(Invite(host.TrunkPort, i, sdp), random)
                    : Invite(host.TrunkPort, i, Mutate(sdp, random));
                await client.SendAsync(datagram, host.TrunkPort);
                if (i % 100 == 99)
                {
                    await Task.Delay(20);
                }
            }
        }

        Assert.False(host.HasExited, "the service stopped:\n" + host.Output);
        // The burst may have overflowed the socket buffer: the probe retransmits as SIP clients do.
        using var probe = new SipDatagramClient();
        Assert.Equal(200, (await probe.RequestAsync(Options(host.TrunkPort), host.TrunkPort, TimeSpan.FromSeconds(10)))?.StatusCode);
        using (var http = host.CreateApiClient())
        {
            var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            var refused = metrics.Split('\n').Where(l => l.StartsWith("cti_calls_rejected_total{", StringComparison.Ordinal))
                .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(refused > 50, $"only {refused} INVITEs refused for bad or missing SDP out of {invites}");
        }

        Assert.Equal(0, await host.StopAsync());
    }

    private const string SeedSdp =
        "v=0\r\no=carrier 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
        "m=audio 40000 RTP/AVP 8 0 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n";

    private static byte[] Invite(int port, int n, byte[] body) =>
        [.. Encoding.ASCII.GetBytes(
            $"INVITE sip:100@127.0.0.1:{port} SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-fuzz-invite-{n}-{Guid.NewGuid():N};rport\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: \"Fuzz\" <sip:+4930555{n}@127.0.0.1>;tag=fuzz{n}\r\n" +
            $"To: <sip:100@127.0.0.1:{port}>\r\n" +
            $"Call-ID: fuzz-invite-{n}-{Guid.NewGuid():N}\r\n" +
            "CSeq: 1 INVITE\r\n" +
            "Contact: <sip:fuzz@127.0.0.1:9>\r\n" +
            "Content-Type: application/sdp\r\n" +
            $"Content-Length: {body.Length}\r\n\r\n"), .. body];

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = seed.ToList();
        var mutations = 1 + random.Next(4);
        for (var m = 0; m < mutations && bytes.Count > 0; m++)
        {
            switch (random.Next(6))
            {
                case 0: // flip a byte
                    bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                    break;
                case 1: // truncate
                    bytes = bytes.Take(random.Next(1, bytes.Count + 1)).ToList();
                    break;
                case 2: // insert garbage
                    bytes.InsertRange(random.Next(bytes.Count), Enumerable.Range(0, random.Next(1, 16)).Select(_ => (byte)random.Next(256)));
                    break;
                case 3: // duplicate a line
                case 4: // drop a line
                    var lines = SplitLines(bytes.ToArray());
                    var index = random.Next(lines.Count);
                    if (random.Next(2) == 0)
                    {
                        lines.Insert(index, lines[index]);
                    }
                    else
                    {
                        lines.RemoveAt(index);
                    }

                    bytes = lines.SelectMany(l => l).ToList();
                    break;
                default: // insert structural characters where they hurt
                    var specials = Encoding.ASCII.GetBytes(";,<>\":=\r\n \t%@");
                    bytes.Insert(random.Next(bytes.Count), specials[random.Next(specials.Length)]);
                    break;
            }
        }

        return bytes.ToArray();
    }

    private static List<byte[]> SplitLines(byte[] bytes)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                lines.Add(bytes[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < bytes.Length)
        {
            lines.Add(bytes[start..]);
        }

        return lines;
    }

    private static byte[] Options(int port) => Encoding.ASCII.GetBytes(
        $"OPTIONS sip:127.0.0.1:{port} SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-fuzz-probe-{Guid.NewGuid():N};rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "From: <sip:probe@127.0.0.1>;tag=probe\r\n" +
        $"To: <sip:127.0.0.1:{port}>\r\n" +
        $"Call-ID: fuzz-probe-{Guid.NewGuid():N}\r\n" +
        "CSeq: 1 OPTIONS\r\n" +
        "Content-Length: 0\r\n\r\n");
}
