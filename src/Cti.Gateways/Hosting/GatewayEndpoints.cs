using Cti.Gateways.Lines;
using Cti.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Cti.Gateways.Hosting;

internal static class GatewayEndpoints
{
    /// <summary>
    /// Maps /api/v1/lines: list, one line, out-of-service and in-service. Returns the group so the host can add
    /// authorization to it.
    /// </summary>
    public static RouteGroupBuilder MapGatewayApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/lines").WithTags("Gateway lines");
        group.MapGet("/", (IGatewayLineRegistry registry) => TypedResults.Ok(registry.Lines.Select(l => l.State).ToArray()))
            .WithName("ListGatewayLines").RequireAuthorization(CtiPolicies.Monitor);
        group.MapGet("/{name}", (string name, IGatewayLineRegistry registry) =>
            registry.Find(name) is { } line ? Results.Ok(line.State) : NotFound(name))
            .WithName("GetGatewayLine").RequireAuthorization(CtiPolicies.Monitor);
        group.MapPost("/{name}/out-of-service", async (string name, GatewayOutOfServiceRequest? request, IGatewayLineRegistry registry, CancellationToken ct) =>
            registry.Find(name) is GatewayLine line
                ? Results.Ok(await line.TakeOutOfServiceAsync(request?.Reason ?? "", ct))
                : NotFound(name))
            .WithName("TakeGatewayLineOutOfService").RequireAuthorization(CtiPolicies.Configure);
        group.MapPost("/{name}/in-service", async (string name, IGatewayLineRegistry registry, CancellationToken ct) =>
            registry.Find(name) is GatewayLine line
                ? Results.Ok(await line.PutInServiceAsync(ct))
                : NotFound(name))
            .WithName("PutGatewayLineInService").RequireAuthorization(CtiPolicies.Configure);
        return group;
    }

    private static IResult NotFound(string name) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Gateway line not found",
        detail: $"No gateway line is named '{name}'.");
}
