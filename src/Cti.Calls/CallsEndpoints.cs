using Cti.Platform.Security;

namespace Cti.Calls;

internal static class CallsEndpoints
{
    /// <summary>GET /api/v1/previews (optionally <c>?agent=</c>) and POST /api/v1/previews/{callId}/dial.</summary>
    public static RouteGroupBuilder MapCallsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/previews").WithTags("Calls");
        group.MapGet("/", (HttpContext http, string? agent, PreviewBoard board, ApiCallerResolver callers) =>
        {
            var full = callers.Resolve(http) is { SeesFullNumbers: true };
            return Results.Ok(board.ForAgent(agent).Select(p => new PreviewView(
                p.Request.CallId,
                p.Request.CampaignId,
                p.Request.LeadId,
                full ? p.Request.Number : p.Request.MaskedNumber,
                p.Request.AgentId,
                p.Request.Attempt,
                p.Since)).ToArray());
        }).WithName("ListPreviews").RequireAuthorization(CtiPolicies.CallControl);
        group.MapPost("/{callId}/dial", (string callId, PreviewBoard board) =>
            board.Dial(callId)
                ? Results.Accepted($"/api/v1/cdrs?callId={Uri.EscapeDataString(callId)}", new { callId, state = "dialling" })
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such preview", detail: $"No lead is waiting in preview under call id '{callId}' (already dialled, or never offered)."))
            .WithName("DialPreview").RequireAuthorization(CtiPolicies.CallControl);
        return group;
    }
}
