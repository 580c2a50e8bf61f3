using System.Text.RegularExpressions;
using Cti.Interop.Tests.Infrastructure;

namespace Cti.Interop.Tests.Conformance;

/// <summary>
/// Each RFC 4475 torture message sent byte for byte as one UDP datagram to the running service (agent profile,
/// authentication on), with the reply the manifest in tests/data/rfc4475/README.md asks for.
/// </summary>
public sealed class Rfc4475ReplayTests(CtiHostFixture fixture) : IClassFixture<CtiHostFixture>
{
    private static readonly TimeSpan ReplyWait = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SilenceWait = TimeSpan.FromSeconds(1);

    /// <summary>File → acceptable final codes; an empty set means the service must stay silent.</summary>
    private static readonly Dictionary<string, int[]> Expected = new()
    {
        ["wsinv"] = [481],
        ["intmeth"] = [501],
        ["esc01"] = Normal,
        ["escnull"] = [401],
        ["esc02"] = [501],
        ["lwsdisp"] = [200],
        ["longreq"] = Normal,
        ["dblreq"] = [401],
        ["semiuri"] = [200],
        ["transports"] = [200],
        ["mpart01"] = [405],
        ["unreason"] = [],
        ["noreason"] = [],
        ["badinv01"] = [400],
        ["clerr"] = [400],
        ["ncl"] = [400],
        ["scalar02"] = [400],
        ["scalarlg"] = [],
        ["quotbal"] = [400],
        ["ltgtruri"] = [400],
        ["lwsruri"] = [400],
        ["lwsstart"] = [400],
        ["trws"] = [400],
        ["escruri"] = [400],
        ["baddate"] = Normal,
        ["regbadct"] = [400],
        ["badaspec"] = [400],
        ["baddn"] = [400],
        ["badvers"] = [505],
        ["mismatch01"] = [400],
        ["mismatch02"] = [501],
        ["bigcode"] = [],
        ["badbranch"] = [400],
        ["insuf"] = [400],
        ["unkscm"] = [416],
        ["novelsc"] = [416],
        ["unksm2"] = [400],
        ["bext01"] = [420],
        ["invut"] = [415],
        ["regaut01"] = [401],
        ["multi01"] = [400],
        ["mcl01"] = [400],
        ["bcast"] = [],
        ["zeromf"] = [200],
        ["cparam01"] = [401],
        ["cparam02"] = [401],
        ["regescrt"] = [401],
        ["sdp01"] = [406],
        ["inv2543"] = Normal,
    };

    /// <summary>"A normal INVITE answer, never 400": the agent profile challenges or refuses the call.</summary>
    private static int[] Normal => [401, 403, 404, 480, 481, 488];

    /// <summary>
    /// Several torture messages share a branch, sent-by and method (z9hG4bKkdjuw…): to the service the later ones are
    /// retransmissions of the first, answered to the first one's source (RFC 3261 17.2.3). Wait until that server
    /// transaction is gone (Timer H/J = 64·T1, plus Timer I = T4) before sending a message with the same key.
    /// </summary>
    private static readonly Dictionary<string, DateTime> LastSentByTransactionKey = [];

    private static TimeSpan TransactionLifetime => (CtiHostFixture.T1 * 64) + (CtiHostFixture.T1 * 10) + TimeSpan.FromMilliseconds(500);

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var name in Expected.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Manifest_CoversEveryFile()
    {
        var files = Directory.GetFiles(RepoPaths.Rfc4475, "*.dat").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(files, Expected.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(49, Expected.Count);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Datagram_GetsTheManifestReply(string name)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Rfc4475, name + ".dat"));
        var expected = Expected[name];
        using var client = new SipDatagramClient();
        await WaitForTransactionKeyAsync(bytes);
        await client.SendAsync(bytes, fixture.Host.SipPort);

        if (expected.Length == 0)
        {
            var stray = await client.ReceiveAsync(SilenceWait);
            Assert.True(stray is null, $"{name}: expected silence, got {stray?.StatusCode} {stray?.Reason}");
        }
        else
        {
            var reply = await client.ReceiveFinalAsync(ReplyWait);
            Assert.True(reply is not null, $"{name}: no reply within {ReplyWait.TotalSeconds} s\n{fixture.Host.Output[^Math.Min(2000, fixture.Host.Output.Length)..]}");
            Assert.True(expected.Contains(reply.StatusCode), $"{name}: got {reply.StatusCode} {reply.Reason}, expected one of {string.Join(", ", expected)}");
            Assert.NotEmpty(reply.Reason);
            CheckCopiedHeaders(name, reply);
            CheckSpecifics(name, reply);
            if (name == "dblreq")
            {
                // The trailing INVITE in the datagram must not produce a second transaction.
                Assert.Null(await client.ReceiveAsync(SilenceWait));
            }
        }

        Assert.False(fixture.Host.HasExited, "the service stopped");
    }

    private static async Task WaitForTransactionKeyAsync(byte[] datagram)
    {
        var text = System.Text.Encoding.Latin1.GetString(datagram);
        var firstLine = text[..Math.Max(0, text.IndexOf('\r', StringComparison.Ordinal))];
        var method = firstLine.Split(' ')[0];
        var branch = Regex.Match(text, @"branch\s*=\s*([^;,\s]+)", RegexOptions.IgnoreCase);
        var sentBy = Regex.Match(text, @"^(?:Via|v)\s*:\s*SIP\s*/\s*2\.0\s*/\s*\S+\s+([^;,\s]+)", RegexOptions.IgnoreCase | RegexOptions.Multiline);
        var key = $"{branch.Groups[1].Value}|{sentBy.Groups[1].Value}|{(method == "ACK" ? "INVITE" : method)}";
        if (LastSentByTransactionKey.TryGetValue(key, out var last))
        {
            var wait = last + TransactionLifetime - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }

        LastSentByTransactionKey[key] = DateTime.UtcNow;
    }

    private static void CheckCopiedHeaders(string name, SipReply reply)
    {
        if (name is "insuf")
        {
            return; // no To, From or Call-ID to copy
        }

        Assert.NotNull(reply.First("Via"));
        Assert.NotNull(reply.First("Call-ID"));
        Assert.NotNull(reply.First("CSeq"));
        Assert.NotNull(reply.First("From"));
        var to = reply.First("To");
        Assert.NotNull(to);
        if (reply.StatusCode > 100 && name is not ("multi01"))
        {
            Assert.Matches(@"(?i);\s*tag\s*=", to);
        }
    }

    private static void CheckSpecifics(string name, SipReply reply)
    {
        switch (name)
        {
            case "longreq":
                Assert.Equal(34, reply.ViaCount);
                break;
            case "transports":
                Assert.Equal(5, reply.ViaCount);
                break;
            case "intmeth" or "esc02" or "mismatch02" or "mpart01":
                Assert.NotNull(reply.First("Allow"));
                break;
            case "bext01":
                var unsupported = string.Join(",", reply.All("Unsupported"));
                Assert.Contains("nothingSupportsThis", unsupported, StringComparison.Ordinal);
                Assert.Contains("nothingSupportsThisEither", unsupported, StringComparison.Ordinal);
                break;
            case "invut":
                Assert.Contains("application/sdp", reply.First("Accept") ?? string.Empty, StringComparison.OrdinalIgnoreCase);
                break;
            case "regaut01" or "escnull" or "dblreq" or "cparam01" or "cparam02" or "regescrt":
                Assert.Contains("Digest", reply.First("WWW-Authenticate") ?? string.Empty, StringComparison.Ordinal);
                break;
            case "sdp01":
                Assert.StartsWith("399", reply.First("Warning") ?? string.Empty, StringComparison.Ordinal);
                break;
        }
    }
}
