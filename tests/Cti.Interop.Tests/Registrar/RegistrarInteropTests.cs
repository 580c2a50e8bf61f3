using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Cti.Interop.Tests.Infrastructure;

namespace Cti.Interop.Tests.Registrar;

/// <summary>Real SIP clients (SIPp, baresip) registering with the running service over loopback.</summary>
public sealed class RegistrarInteropTests
{
    [Fact]
    public async Task Sipp_HundredAccountsRegisterWithDigest_AllSucceedAndAreListed()
    {
        await using var host = new CtiHostProcess();
        await host.StartAsync();
        var accounts = CtiHostProcess.Agents.Where(a => a.Extension.StartsWith('2')).ToArray();
        Assert.Equal(100, accounts.Length);

        var result = await SippRunner.RunAsync(
            "register-digest.xml", $"127.0.0.1:{host.SipPort}", calls: 100, rate: 50, injectionFile: SippRunner.WriteAccounts(accounts));

        Assert.True(result.ExitCode == 0 && result.Successful == 100 && result.Failed == 0, result.ToString());
        using var api = host.CreateApiClient();
        var registered = await RegisteredExtensionsAsync(api);
        foreach (var (extension, _) in accounts)
        {
            Assert.Contains(extension, registered.Keys);
        }
    }

    [Fact]
    public async Task Sipp_Options_Answered200OverUdpAndTcp()
    {
        await using var host = new CtiHostProcess();
        await host.StartAsync();

        var udp = await SippRunner.RunAsync("options.xml", $"127.0.0.1:{host.SipPort}", calls: 20, rate: 20);
        var tcp = await SippRunner.RunAsync("options.xml", $"127.0.0.1:{host.SipPort}", calls: 20, rate: 20, transport: "t1");

        Assert.True(udp.ExitCode == 0 && udp.Successful == 20, udp.ToString());
        Assert.True(tcp.ExitCode == 0 && tcp.Successful == 20, tcp.ToString());
    }

    [Fact]
    public async Task Baresip_RegistersAs1001_ListedAndKeptAcrossRestart()
    {
        var data = Directory.CreateTempSubdirectory("cti-restart-").FullName;
        int baresipPort;
        await using (var host = new CtiHostProcess(data))
        {
            await host.StartAsync();
            await using var phone = BaresipAgent.Start("1001", "demo1001", host.SipPort);
            baresipPort = phone.SipPort;
            using var api = host.CreateApiClient();

            var contact = await WaitForContactAsync(api, "1001", TimeSpan.FromSeconds(20));
            Assert.True(contact is not null, "1001 never appeared in /api/v1/registrations\nbaresip:\n" + phone.Output + "\nhost:\n" + host.Output);
            Assert.Contains($"127.0.0.1:{baresipPort}", contact, StringComparison.Ordinal);
            Assert.Equal(0, await host.StopAsync());
        }

        // The phone is gone (no refresh), yet the binding it left is restored from SQLite.
        await using (var restarted = new CtiHostProcess(data))
        {
            await restarted.StartAsync();
            using var api = restarted.CreateApiClient();
            var registered = await RegisteredExtensionsAsync(api);
            Assert.True(registered.TryGetValue("1001", out var contacts), "binding lost across restart");
            Assert.Contains(contacts, c => c.Contains($"127.0.0.1:{baresipPort}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task WrongPassword_Gets401_ThenTheSourceIsBanned()
    {
        await using var host = new CtiHostProcess { BanMaxFailures = 5 };
        await host.StartAsync();
        var target = $"127.0.0.1:{host.SipPort}";
        var accounts = SippRunner.WriteAccounts([("1002", "demo1002-wrong")]);

        // A different loopback address, so the ban does not touch 127.0.0.1.
        var wrong = await SippRunner.RunAsync("register-wrong-password.xml", target, calls: 5, rate: 5, injectionFile: accounts, localIp: "127.0.0.2");
        Assert.True(wrong.ExitCode == 0 && wrong.Successful == 5, "each wrong answer must get a fresh 401\n" + wrong);

        var banned = await SippRunner.RunAsync("options-expect-403.xml", target, calls: 1, rate: 1, localIp: "127.0.0.2");
        Assert.True(banned.Successful == 1, "banned source not refused\n" + banned);
        var others = await SippRunner.RunAsync("options.xml", target, calls: 1, rate: 1);
        Assert.True(others.Successful == 1, "another source was refused too\n" + others);

        using var api = host.CreateApiClient();
        var metrics = await api.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.True(MetricValue(metrics, "cti_sip_bans_total") >= 1, metrics);
        Assert.True(MetricValue(metrics, "cti_sip_auth_failures_total") >= 5, metrics);
    }

    /// <summary>Extension → contact URIs, from GET /api/v1/registrations.</summary>
    internal static async Task<Dictionary<string, List<string>>> RegisteredExtensionsAsync(HttpClient api)
    {
        using var response = await api.GetAsync(new Uri("/api/v1/registrations", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var result = new Dictionary<string, List<string>>();
        var items = json.RootElement.ValueKind == JsonValueKind.Array ? json.RootElement : json.RootElement.GetProperty("items");
        foreach (var item in items.EnumerateArray())
        {
            var extension = item.GetProperty("extension").GetString()!;
            result[extension] = item.GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("uri").GetString()!).ToList();
        }

        return result;
    }

    private static async Task<string?> WaitForContactAsync(HttpClient api, string extension, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var registered = await RegisteredExtensionsAsync(api);
            if (registered.TryGetValue(extension, out var contacts) && contacts.Count > 0)
            {
                return contacts[0];
            }

            await Task.Delay(200);
        }

        return null;
    }

    private static double MetricValue(string exposition, string name)
        => exposition.Split('\n')
            .Where(l => l.StartsWith(name, StringComparison.Ordinal) && (l.Length == name.Length || l[name.Length] is ' ' or '{'))
            .Select(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0)
            .Sum();
}
