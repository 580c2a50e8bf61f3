using System.Net;
using System.Net.Http.Json;
using Cti.Acd;
using Cti.Host.Tests.Api;
using Cti.Routing.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace Cti.Host.Tests.Routing;

public sealed class RoutingRestartTests
{
    [Fact]
    public async Task Restart_SameDataDirectory_RoundRobinContinuesWithNextAgent()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("cti-routing-restart-").FullName;

        var first = await RouteOneCallAsync(dataDirectory, "restart-1");
        var second = await RouteOneCallAsync(dataDirectory, "restart-2");

        Assert.Equal("1001", first);
        Assert.Equal("1002", second);
    }

    /// <summary>One service lifetime: every demo agent logs in ready through the API, one call is routed, graceful stop.</summary>
    private static async Task<string> RouteOneCallAsync(string dataDirectory, string callId)
    {
        await using var host = await TestHost.StartAsync(dataDirectory);
        using var client = host.CreateClient();
        foreach (var agent in new[] { "1001", "1002", "1003", "1004", "1005" })
        {
            var response = await client.PostAsJsonAsync($"/api/v1/agents/{agent}/state", new { action = "login" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var subscription = host.App.Services.GetRequiredService<IAcdOutputFeed>().Subscribe();
        host.App.Services.GetRequiredService<AcdEngine>().Post(new CallArrived(callId, "support"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var output in subscription.Reader.ReadAllAsync(timeout.Token))
        {
            if (output is OfferCall offer && offer.CallId == callId)
            {
                return offer.AgentId;
            }
        }

        throw new InvalidOperationException("No offer was made.");
    }
}
