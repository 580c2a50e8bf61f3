using Cti.Registrar;
using Cti.Platform.Security;

namespace Cti.Host.Api;

internal static class RegistrationsEndpoints
{
    public static RouteGroupBuilder MapRegistrationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/registrations")
            .WithTags("Registrations");
        group.MapGet("/", ListAsync).WithName("ListRegistrations").RequireAuthorization(CtiPolicies.Monitor);
        return group;
    }

    private static async Task<IResult> ListAsync(RegistrarEngine registrar, AgentDirectory agents, TimeProvider time, CancellationToken cancellationToken)
    {
        var bindings = await registrar.SnapshotAsync(cancellationToken);
        var now = time.GetUtcNow();
        var views = bindings
            .GroupBy(b => b.Aor, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RegistrationView(
                g.Key,
                agents.Find(g.Key)?.DisplayName ?? g.Key,
                g.Select(b => new RegistrationContactView(
                        b.ContactUri, b.SecondsLeft(now), b.Q, b.Reachable, b.SourceTransport, b.SourceAddress, b.UserAgent))
                    .ToArray()))
            .ToArray();
        return TypedResults.Ok(views);
    }
}
