using System.Diagnostics;
using System.Net.Http;
using System.Text.Json;

namespace Cti.Host.Tests.Api;

public sealed class ContactPingTests
{
    [Fact]
    public async Task Ping_AnsweringAndSilentPhones_MarkedReachableAndUnreachable()
    {
        // Short timers: a ping every 200 ms, and an unanswered one times out after 64*T1 = 1.28 s.
        await using var host = await TestHost.StartAsync(
            null,
            "--Cti:Registrar:OptionsPingInterval=00:00:00.200",
            "--Cti:Sip:Timers:T1=00:00:00.020",
            "--Cti:Sip:Timers:T2=00:00:00.100");
        using var answering = new SipTestPhone(host.SipPort);
        using var silent = new SipTestPhone(host.SipPort);
        Assert.Equal(200, (await answering.RegisterAsync("1001", "demo1001")).StatusCode);
        Assert.Equal(200, (await silent.RegisterAsync("1002", "demo1002")).StatusCode);

        var ping = await answering.AnswerNextRequestAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("OPTIONS", ping.Method);
        silent.Dispose();

        using var client = host.CreateClient();
        var watch = Stopwatch.StartNew();
        Dictionary<string, bool?> reachable = [];
        while (watch.Elapsed < TimeSpan.FromSeconds(15))
        {
            reachable = await ReachabilityAsync(client);
            if (reachable.GetValueOrDefault("1001") == true && reachable.GetValueOrDefault("1002") == false)
            {
                break;
            }

            // Keep answering so the first phone stays reachable on later rounds.
            try
            {
                await answering.AnswerNextRequestAsync(TimeSpan.FromMilliseconds(300));
            }
            catch (OperationCanceledException)
            {
            }
        }

        Assert.True(reachable.GetValueOrDefault("1001"));
        Assert.False(reachable.GetValueOrDefault("1002"));
    }

    private static async Task<Dictionary<string, bool?>> ReachabilityAsync(HttpClient client)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/registrations", UriKind.Relative)));
        return json.RootElement.EnumerateArray().ToDictionary(
            r => r.GetProperty("extension").GetString()!,
            r => r.GetProperty("contacts")[0].GetProperty("reachable") is { ValueKind: not JsonValueKind.Null } value ? value.GetBoolean() : (bool?)null);
    }
}
