using System.Globalization;
using Cti.Platform.Security;

namespace Cti.Platform.Audit;

internal static class AuditEndpoints
{
    /// <summary><c>GET /api/v1/audit?from=&amp;to=&amp;action=&amp;limit=&amp;cursor=</c>, for admin keys.</summary>
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/audit").WithTags("Audit");
        group.MapGet("/", (HttpContext context, IAuditLog audit) =>
        {
            var (query, errors) = AuditQuery.Parse(context.Request.Query);
            if (query is null)
            {
                return Results.ValidationProblem(errors, title: "Invalid audit query");
            }

            var (items, hasMore) = audit.Query(query);
            var next = hasMore ? items[^1].Id.ToString(CultureInfo.InvariantCulture) : null;
            return Results.Ok(new AuditPage(items, next));
        }).WithName("ListAudit").RequireAuthorization(CtiPolicies.Audit);
        return group;
    }
}
