using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Cti.Host.Tests.Api;

namespace Cti.Host.Tests.Routing;

/// <summary>Agent state changes made through the API come out of the event log as agent.state events, in order.</summary>
public sealed class AcdEventForwarderTests
{
    [Fact]
    public async Task AgentLogsInAndGoesReady_AgentStateEventsInOrder()
    {
        await using var host = await TestHost.StartAsync();
        using var client = host.CreateClient();

        (await client.PostAsJsonAsync("/api/v1/agents/1003/state", new { action = "login" })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/v1/agents/1003/state", new { action = "not-ready", reason = "break" })).EnsureSuccessStatusCode();

        var events = await WaitForAgentEventsAsync(client, "1003", count: 2);
        Assert.Equal("ready", events[0].GetProperty("data").GetProperty("availability").GetString());
        Assert.Equal("not_ready", events[1].GetProperty("data").GetProperty("availability").GetString());
        Assert.Equal("break", events[1].GetProperty("data").GetProperty("reason").GetString());
        Assert.True(long.Parse(events[0].GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture) < long.Parse(events[1].GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(events[0].GetProperty("data").GetProperty("acdSeq").GetInt64() < events[1].GetProperty("data").GetProperty("acdSeq").GetInt64());
    }

    private static async Task<List<JsonElement>> WaitForAgentEventsAsync(HttpClient client, string agent, int count)
    {
        var clock = Stopwatch.StartNew();
        var found = new List<JsonElement>();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/events/history?types=agent.state&limit=1000");
            found = page.GetProperty("events").EnumerateArray()
                .Where(e => e.TryGetProperty("agentid", out var id) && id.GetString() == agent)
                .ToList();
            if (found.Count >= count)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"only {found.Count} agent.state events for {agent}");
    }
}
