using Cti.Platform.Audit;
using Cti.Platform.Security;

namespace Cti.Cdrs.Recordings;

internal static class RecordingsEndpoints
{
    /// <summary>
    /// <c>GET /api/v1/recordings?callId=&amp;agent=&amp;from=&amp;to=&amp;limit=&amp;cursor=</c> and
    /// <c>GET /api/v1/recordings/{id}</c> (the WAV, with range requests), for qc, supervisor (their teams' agents)
    /// and admin keys. Every file fetch is audited.
    /// </summary>
    public static RouteGroupBuilder MapRecordingsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/recordings").WithTags("Recordings");
        group.MapGet("/", List).WithName("ListRecordings").RequireAuthorization(CtiPolicies.Recordings);
        group.MapGet("/{id}", Fetch).WithName("GetRecording").RequireAuthorization(CtiPolicies.Recordings);
        return group;
    }

    private static IResult List(HttpContext context, RecordingLibrary library, IAgentTeams teams)
    {
        var (query, errors) = CdrQuery.Parse(context.Request.Query);
        if (query is null)
        {
            return Results.ValidationProblem(errors, title: "Invalid recordings query");
        }

        if (Scope(context.GetCaller(), teams) is { } agents)
        {
            query = query with { AgentIn = agents };
        }

        var (items, hasMore, last) = library.List(query);
        var next = hasMore && last is not null ? CdrQuery.EncodeCursor(last.StartAt, last.CallId) : null;
        return Results.Ok(new RecordingPage(items, next));
    }

    private static IResult Fetch(string id, HttpContext context, RecordingLibrary library, IAgentTeams teams, IAuditLog audit)
    {
        if (!RecordingLibrary.IsWellFormedId(id))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid recording id",
                detail: "A recording id is a call id; it never contains path characters.");
        }

        var caller = context.GetCaller();
        if (library.Find(id) is not { } cdr || library.FileOf(cdr) is not { } file)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Recording not found",
                detail: "No recording exists for that id (never recorded, or removed by retention).");
        }

        if (Scope(caller, teams) is { } agents && (cdr.Agent is null || !agents.Contains(cdr.Agent)))
        {
            audit.Record(caller, AuditActions.RecordingFetched, id, AuditOutcome.Denied, "the call's agent is not in the key's teams");
            return ApiProblems.Forbidden("This key may play recordings of its teams' agents only.");
        }

        audit.Record(caller, AuditActions.RecordingFetched, id, AuditOutcome.Succeeded, RangeOf(context.Request));
        return Results.File(file.FullName, "audio/wav", fileDownloadName: file.Name, enableRangeProcessing: true);
    }

    /// <summary>
    /// The agents whose recordings a key may reach: null for every agent (qc, admin, supervisors without teams), else
    /// the agents of a supervisor's teams.
    /// </summary>
    private static IReadOnlySet<string>? Scope(ApiCaller caller, IAgentTeams teams) =>
        caller.IsAdmin || caller.HasRole(ApiRoles.Qc) || caller.Teams.Count == 0 ? null : teams.AgentsIn(caller.Teams);

    private static string? RangeOf(HttpRequest request) =>
        request.Headers.Range.ToString() is { Length: > 0 and <= 100 } range ? range : null;
}
