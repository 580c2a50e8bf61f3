using System.Diagnostics;
using System.Text.Json;
using Cti.Interop.Tests.Infrastructure;

namespace Cti.Interop.Tests.Trunks;

/// <summary>The service registering its demo trunk with a real SIPp registrar that challenges and checks credentials.</summary>
public sealed class TrunkRegistrationInteropTests
{
    // The account carrier-registrar.xml checks with verifyauth.
    private const string User = "cti-trunk";
    private const string Password = "carrier-secret-9";

    [Fact]
    public async Task Sipp_CarrierRegistrar_ChallengesVerifiesAndSeesUnregisterAtStop()
    {
        var sippPort = LoopbackPorts.Next();
        var sipp = SippRunner.RunAsync(
            "carrier-registrar.xml", "127.0.0.1:9", calls: 1, rate: 1, timeout: TimeSpan.FromSeconds(60), extraArgs: ["-p", sippPort.ToString()]);

        await using var host = new CtiHostProcess
        {
            TrunkRegistrationPeer = $"127.0.0.1:{sippPort}",
            TrunkRegistration = new { User, Password, Expires = 600, Domain = "carrier.example" },
        };
        await host.StartAsync();
        using var api = host.CreateApiClient();

        var registration = await WaitForRegistrationAsync(api, TimeSpan.FromSeconds(20));
        Assert.True(registration is { } r && r.GetProperty("state").GetString() == "registered",
            $"trunk never registered: {registration}\nhost:\n{host.Output}");
        Assert.Equal(200, registration!.Value.GetProperty("lastStatusCode").GetInt32());

        Assert.Equal(0, await host.StopAsync());
        var result = await sipp;

        Assert.True(result.ExitCode == 0 && result.Successful == 1 && result.Failed == 0, result + "\nhost:\n" + host.Output);
        Assert.DoesNotContain(Password, host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Authorization", host.Output, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<JsonElement?> WaitForRegistrationAsync(HttpClient api, TimeSpan limit)
    {
        JsonElement? last = null;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            using var document = JsonDocument.Parse(await api.GetStringAsync(new Uri("/api/v1/trunks/demo-carrier", UriKind.Relative)));
            last = document.RootElement.GetProperty("registration").Clone();
            if (last.Value.ValueKind == JsonValueKind.Object && last.Value.GetProperty("state").GetString() == "registered")
            {
                return last;
            }

            await Task.Delay(100);
        }

        return last;
    }
}
