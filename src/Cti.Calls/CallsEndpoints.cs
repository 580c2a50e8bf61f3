using Cti.Platform.Security;

namespace Cti.Calls;

internal static class CallsEndpoints
{
    /// <summary>
    /// GET /api/v1/previews (optionally <c>?agent=</c>) and POST /api/v1/previews/{callId}/dial. Agent keys see and dial
    /// their own agent's previews only; supervisors with teams, their teams' agents' (the rules of the agents API).
    /// Every preview has its agent: the board takes no other.
    /// </summary>
    public static RouteGroupBuilder MapCallsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/previews").WithTags("Calls");
        group.MapGet("/", (HttpContext http, string? agent, PreviewBoard board, IAgentTeams teams) =>
        {
            var caller = http.GetCaller();
            if (AgentKeyScope.OwnOnly(caller))
            {
                if (agent is not null && agent != caller.AgentId)
                {
                    return Forbidden("An agent key sees its own agent's previews only.");
                }

                agent = caller.AgentId ?? string.Empty;
            }

            var full = caller.SeesFullNumbers;
            return Results.Ok(board.ForAgent(agent)
                .Where(p => p.Request.AgentId is { } owner && caller.MaySeeAgent(owner, teams.TeamsOf(owner)))
                .Select(p => new PreviewView(
                    p.Request.CallId,
                    p.Request.CampaignId,
                    p.Request.LeadId,
                    full ? p.Request.Number : p.Request.MaskedNumber,
                    p.Request.AgentId,
                    p.Request.Attempt,
                    p.Since)).ToArray());
        }).WithName("ListPreviews").RequireAuthorization(CtiPolicies.CallControl);
        group.MapPost("/{callId}/dial", (string callId, HttpContext http, PreviewBoard board, IAgentTeams teams) =>
        {
            if (board.Find(callId) is not { } preview)
            {
                return NotFound(callId);
            }

            if (preview.AgentId is not { } owner || !http.GetCaller().MayControlAgent(owner, teams.TeamsOf(owner)))
            {
                return Forbidden("This preview belongs to another agent.");
            }

            return board.Dial(callId)
                ? Results.Accepted($"/api/v1/cdrs?callId={Uri.EscapeDataString(callId)}", new { callId, state = "dialling" })
                : NotFound(callId);
        }).WithName("DialPreview").RequireAuthorization(CtiPolicies.CallControl);
        return group;
    }

    private static IResult NotFound(string callId) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such preview", detail: $"No lead is waiting in preview under call id '{(callId.Length <= 64 ? callId : callId[..64])}' (already dialled, or never offered).");

    private static IResult Forbidden(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);
}
