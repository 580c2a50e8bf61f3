using Cti.Host.Tests.Api;
using Cti.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace Cti.Host.Tests.Security;

/// <summary>Every API endpoint names one of the policies, so none is open to any key by oversight.</summary>
public sealed class EndpointPolicyTests
{
    [Fact]
    public async Task ApiEndpoints_EachRequiresACtiPolicy()
    {
        await using var host = await TestHost.StartAsync();
        var endpoints = ((IEndpointRouteBuilder)host.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .ToArray();

        var withoutPolicy = endpoints
            .Where(e => !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is { } p && CtiPolicies.Roles.ContainsKey(p)))
            .Select(e => e.DisplayName)
            .ToArray();

        Assert.True(endpoints.Length > 40, $"only {endpoints.Length} API endpoints found");
        Assert.Empty(withoutPolicy);
    }

    [Fact]
    public async Task HealthAndMetrics_NoPolicy()
    {
        await using var host = await TestHost.StartAsync();
        var open = ((IEndpointRouteBuilder)host.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is "/healthz" or "/metrics")
            .ToArray();

        Assert.Equal(2, open.Length);
        Assert.All(open, e => Assert.DoesNotContain(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy is not null));
    }
}
