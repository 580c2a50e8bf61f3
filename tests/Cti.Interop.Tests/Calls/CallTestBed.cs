using System.Diagnostics;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Cti.Interop.Tests.Infrastructure;

namespace Cti.Interop.Tests.Calls;

/// <summary>
/// The service in its own process, set up for call tests: queue <c>support</c> with a chosen strategy, ring timeout
/// and no-answer limit, short wrap-up, optional static contacts and extra routing agents; plus API helpers.
/// </summary>
internal sealed class CallTestBed : IAsyncDisposable
{
    private CallTestBed(CtiHostProcess host, HttpClient api)
    {
        Host = host;
        Api = api;
    }

    public CtiHostProcess Host { get; }

    public HttpClient Api { get; }

    public static async Task<CallTestBed> StartAsync(
        string strategy = "fixed-order",
        TimeSpan? ringTimeout = null,
        int noAnswerLimit = 3,
        IReadOnlyDictionary<string, string>? staticContacts = null,
        int extraAgents = 0,
        Action<JsonObject>? customize = null)
    {
        var host = new CtiHostProcess
        {
            Customize = json =>
            {
                var cti = json["Cti"]!.AsObject();
                var queue = new JsonObject
                {
                    ["Strategy"] = strategy,
                    ["RingTimeout"] = (ringTimeout ?? TimeSpan.FromSeconds(20)).ToString("c"),
                    ["NoAnswerLimit"] = noAnswerLimit,
                    ["WrapUpTime"] = "00:00:00",
                    ["AnnouncePosition"] = false,
                };
                var accounts = cti["Agents"]!.AsObject();
                // Routing settings for agents 2001.. beside their SIP accounts, keyed by id over the five demo agents.
                for (var n = 0; n < extraAgents; n++)
                {
                    var account = accounts[(2001 + n).ToString(System.Globalization.CultureInfo.InvariantCulture)]!.AsObject();
                    account["Skills"] = new JsonArray(new JsonObject { ["Skill"] = "support", ["Proficiency"] = 5 });
                    account["Queues"] = new JsonArray(new JsonObject { ["Queue"] = "support", ["Tier"] = 0 });
                }

                cti["Routing"] = new JsonObject { ["Queues"] = new JsonObject { ["support"] = queue } };
                if (staticContacts is not null)
                {
                    foreach (var (extension, contact) in staticContacts)
                    {
                        accounts[extension]!["StaticContact"] = contact;
                    }
                }

                customize?.Invoke(json);
            },
        };
        try
        {
            await host.StartAsync();
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return new CallTestBed(host, host.CreateApiClient());
    }

    /// <summary>A baresip agent for <paramref name="extension"/>, registered with the service (disposed again if it never registers).</summary>
    public async Task<BaresipAgent> StartAgentAsync(string extension, string answerMode = "auto", int toneHz = 440)
    {
        var password = CtiHostProcess.Agents.First(a => a.Extension == extension).Password;
        var agent = BaresipAgent.Start(extension, password, Host.SipPort, answerMode: answerMode, toneHz: toneHz);
        try
        {
            await WaitUntilAsync(
                async () => (await Api.GetFromJsonAsync<JsonArray>("/api/v1/registrations"))!.Any(r => (string?)r!["extension"] == extension),
                // Generous: on a loaded 2-core machine a phone can take well over ten seconds to start and register.
                TimeSpan.FromSeconds(30),
                $"{extension} registered");
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }

        return agent;
    }

    public async Task LoginAsync(params string[] agents)
    {
        foreach (var agent in agents)
        {
            using var response = await Api.PostAsJsonAsync($"/api/v1/agents/{agent}/state", new { action = "login" });
            Assert.True(response.IsSuccessStatusCode, $"login {agent}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task<JsonObject> AgentStateAsync(string agent)
    {
        var node = await Api.GetFromJsonAsync<JsonObject>($"/api/v1/agents/{agent}");
        return node!["state"]!.AsObject();
    }

    public async Task<JsonArray> CdrsAsync()
    {
        var page = await Api.GetFromJsonAsync<JsonObject>("/api/v1/cdrs?limit=500");
        return page!["items"]!.AsArray();
    }

    /// <summary>Waits until <paramref name="count"/> CDRs exist (calls end asynchronously after SIPp is done).</summary>
    public async Task<JsonArray> WaitForCdrsAsync(int count, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var cdrs = await CdrsAsync();
            if (cdrs.Count >= count || watch.Elapsed > (timeout ?? TimeSpan.FromSeconds(20)))
            {
                return cdrs;
            }

            await Task.Delay(100);
        }
    }

    public async Task<JsonArray> EventsAsync(string? types = null)
    {
        var page = await Api.GetFromJsonAsync<JsonObject>("/api/v1/events/history?limit=1000" + (types is null ? string.Empty : "&types=" + types));
        return page!["events"]!.AsArray();
    }

    /// <summary>The value of a Prometheus sample line (summing every series whose line starts with <paramref name="prefix"/>).</summary>
    public async Task<double> MetricAsync(string prefix)
    {
        var text = await Api.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > timeout)
            {
                Assert.Fail($"timed out waiting for {what}\n{Host.Output}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Host.DisposeAsync();
    }
}
