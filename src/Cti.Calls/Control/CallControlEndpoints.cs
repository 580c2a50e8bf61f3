using Cti.Campaigns;
using Cti.Calls.Parties;
using Cti.Cdrs;
using Cti.Platform.Audit;
using Cti.Platform.Security;
using Microsoft.Extensions.Options;

namespace Cti.Calls.Control;

/// <summary>
/// Live calls and third-party call control under <c>/api/v1/calls</c>: list and describe, hang up, hold and resume,
/// blind and attended transfer, conferences, monitoring, recording pause and resume. Each answers 200 with the call afterwards, 404 for an unknown call, 409
/// naming the state when the command does not fit it, 400 for a bad body.
/// </summary>
internal static class CallControlEndpoints
{
    public static RouteGroupBuilder MapCallControlApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/calls").WithTags("Calls");
        group.MapGet("/", async (HttpContext http, string? agent, string? queue, string? campaign, CallControl calls, CancellationToken ct) =>
        {
            var caller = http.GetCaller();
            var own = AgentKeyScope.OwnOnly(caller) ? caller.AgentId ?? "" : null;
            var items = (await calls.ListAsync(caller.SeesFullNumbers, ct))
                .Where(c => own is null || IsOwn(c, own))
                .Where(c => agent is null || IsOwn(c, agent))
                .Where(c => queue is null || c.Queue == queue)
                .Where(c => campaign is null || c.Campaign == campaign)
                .ToArray();
            return Results.Ok(new { items, next = (string?)null });
        }).WithName("ListCalls").RequireAuthorization(CtiPolicies.AgentsRead);
        group.MapPost("/", ClickToDialAsync).WithName("ClickToDial").RequireAuthorization(CtiPolicies.CallControl);
        group.MapGet("/{id}", (string id, HttpContext http, CallControl calls, CancellationToken ct) =>
            SendAsync(http, calls, id, new DescribeCallCommand(http.GetCaller().SeesFullNumbers), ct))
            .WithName("GetCall").RequireAuthorization(CtiPolicies.AgentsRead);
        group.MapPost("/{id}/hangup", (string id, HttpContext http, CallControl calls, CancellationToken ct) =>
            SendAsync(http, calls, id, new HangupCallCommand(), ct))
            .WithName("HangupCall").RequireAuthorization(CtiPolicies.CallControl);
        group.MapPost("/{id}/hold", (string id, HttpContext http, CallControl calls, CancellationToken ct) =>
            SendAsync(http, calls, id, new HoldCallCommand(true), ct))
            .WithName("HoldCall").RequireAuthorization(CtiPolicies.CallControl);
        group.MapPost("/{id}/resume", (string id, HttpContext http, CallControl calls, CancellationToken ct) =>
            SendAsync(http, calls, id, new HoldCallCommand(false), ct))
            .WithName("ResumeCall").RequireAuthorization(CtiPolicies.CallControl);
        group.MapPost("/{id}/transfer", async (string id, TransferRequest? body, HttpContext http, CallControl calls, CancellationToken ct) =>
        {
            if (!CallControlInput.IsTarget(body?.To))
            {
                return Invalid("to", $"A queue, an agent or a number is required: letters, digits and + - _ . only, at most {CallControlInput.MaxTargetLength} characters.");
            }

            if (body!.Mode is not (null or "blind" or "attended"))
            {
                return Invalid("mode", "Mode must be 'blind' or 'attended'.");
            }

            return await SendAsync(http, calls, id, new TransferCallCommand(body.To!, Attended: body.Mode == "attended"), ct);
        }).WithName("TransferCall").RequireAuthorization(CtiPolicies.CallControl);
        group.MapPost("/{id}/transfer/complete", (string id, HttpContext http, CallControl calls, CancellationToken ct) =>
            SendAsync(http, calls, id, new CompleteTransferCommand(), ct))
            .WithName("CompleteTransfer").RequireAuthorization(CtiPolicies.CallControl);
        group.MapPost("/{id}/transfer/cancel", (string id, HttpContext http, CallControl calls, CancellationToken ct) =>
            SendAsync(http, calls, id, new CancelTransferCommand(), ct))
            .WithName("CancelTransfer").RequireAuthorization(CtiPolicies.CallControl);
        group.MapPost("/{id}/recording", async (string id, RecordingRequest? body, HttpContext http, CallControl calls, CancellationToken ct) =>
            body?.Action switch
            {
                "pause" => await SendAsync(http, calls, id, new RecordingCallCommand(true), ct),
                "resume" => await SendAsync(http, calls, id, new RecordingCallCommand(false), ct),
                _ => Invalid("action", "Action must be 'pause' or 'resume'."),
            }).WithName("PauseRecording").RequireAuthorization(CtiPolicies.CallControl);
        group.MapPost("/{id}/disposition", SetDispositionAsync).WithName("SetCallDisposition").RequireAuthorization(CtiPolicies.CallControl);
        group.MapPost("/{id}/monitor", async (string id, MonitorRequest? body, HttpContext http, CallControl calls, IAuditLog audit, CancellationToken ct) =>
        {
            if (!CallControlInput.IsTarget(body?.Supervisor))
            {
                return Invalid("supervisor", "The supervisor's id is required (letters, digits and + - _ . only).");
            }

            if (!MonitoringModes.TryParse(body!.Mode ?? "listen", out var mode))
            {
                return Invalid("mode", "Mode must be 'listen', 'whisper' or 'barge'.");
            }

            var result = await calls.SendAsync(id, new MonitorCallCommand(body.Supervisor!, mode), ct);
            audit.Record(http.GetCaller(), AuditActions.CallMonitored, id, result is { Status: CallCommandStatus.Done } ? AuditOutcome.Succeeded : AuditOutcome.Failed, $"supervisor {body.Supervisor} {MonitoringModes.Name(mode)}");
            return Answer(id, result);
        }).WithName("MonitorCall").RequireAuthorization(CtiPolicies.SuperviseCalls);
        group.MapPatch("/{id}/monitor", async (string id, MonitorRequest? body, HttpContext http, CallControl calls, IAuditLog audit, CancellationToken ct) =>
        {
            if (!MonitoringModes.TryParse(body?.Mode, out var mode))
            {
                return Invalid("mode", "Mode must be 'listen', 'whisper' or 'barge'.");
            }

            var result = await calls.SendAsync(id, new MonitorModeCommand(mode), ct);
            audit.Record(http.GetCaller(), AuditActions.CallMonitored, id, result is { Status: CallCommandStatus.Done } ? AuditOutcome.Succeeded : AuditOutcome.Failed, $"mode {MonitoringModes.Name(mode)}");
            return Answer(id, result);
        }).WithName("ChangeMonitorMode").RequireAuthorization(CtiPolicies.SuperviseCalls);
        group.MapPost("/{id}/conference", async (string id, ConferenceRequest? body, HttpContext http, CallControl calls, CancellationToken ct) =>
            CallControlInput.IsTarget(body?.Add)
                ? await SendAsync(http, calls, id, new ConferenceAddCommand(body!.Add!), ct)
                : Invalid("add", "An agent or a number to add is required (letters, digits and + - _ . only).")).WithName("ConferenceCall").RequireAuthorization(CtiPolicies.CallControl);
        group.MapDelete("/{id}/conference", (string id, string? party, HttpContext http, CallControl calls, CancellationToken ct) =>
            party is null || CallControlInput.IsTarget(party)
                ? SendAsync(http, calls, id, new EndConferenceCommand(party), ct)
                : Task.FromResult(Invalid("party", "The member to remove is an agent id or a number (letters, digits and + - _ . only)."))).WithName("EndConference").RequireAuthorization(CtiPolicies.CallControl);
        group.MapDelete("/{id}/monitor", (string id, CallControl calls, CancellationToken ct) =>
            SendAsync(null, calls, id, new StopMonitorCommand(), ct)).WithName("StopMonitoring").RequireAuthorization(CtiPolicies.SuperviseCalls);
        return group;
    }

    /// <summary>
    /// Click to dial: checks the number (E.164 in the trunk's region, do-not-call list, calling window) and the agent's
    /// phone, then rings the phone and, once it answers, the customer. 202 with the call's id and Location.
    /// </summary>
    private static async Task<IResult> ClickToDialAsync(
        ClickToDialRequest? body,
        HttpContext http,
        CallController controller,
        CallFactory factory,
        ClickToDialCompliance compliance,
        AgentContactResolver contacts,
        IOptions<CallsOptions> options,
        CancellationToken ct)
    {
        if (!CallControlInput.IsTarget(body?.Agent))
        {
            return Invalid("agent", "The agent's id is required (letters, digits and + - _ . only).");
        }

        if (http.GetCaller() is var caller && AgentKeyScope.OwnOnly(caller) && caller.AgentId != body!.Agent)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "An agent key places calls for its own agent only.");
        }

        if (!CallControlInput.IsTarget(body!.To))
        {
            return Invalid("to", $"The number to call is required: digits and + only, at most {CallControlInput.MaxTargetLength} characters.");
        }

        if (controller.ManualCallTrunk() is not { Peers.Count: > 0 } trunk)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No trunk", detail: "No trunk is configured for outgoing calls (Cti:Calls:ManualCallTrunk).");
        }

        if (trunk.Numbers.ToE164(body.To) is not { } number)
        {
            return Invalid("to", $"'{Shorten(body.To!)}' is not a phone number.");
        }

        if (compliance.Refusal(number) is { } refusal)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Number may not be called", detail: refusal);
        }

        if (await contacts.ResolveAsync(body.Agent!, ct) is not { } contact)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Agent unreachable", detail: $"Agent '{Shorten(body.Agent!)}' has no registered phone (and no static contact).");
        }

        var callerId = options.Value.ManualCallerId is { Length: > 0 } configured ? configured : trunk.Dids.Dids.FirstOrDefault() ?? body.Agent!;
        if (factory.ClickToDial(body.Agent!, contact, number, trunk, callerId) is not { } call)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No media ports", detail: "Every media port is in use; try again shortly.");
        }

        return Results.Accepted($"/api/v1/calls/{call.Id}", new { id = call.Id, agent = body.Agent, state = CallStates.Waiting });
    }

    /// <summary>
    /// The wrap-up code of a live call, or of an ended one (agents usually set it in wrap-up): 200 with the code, 404
    /// when neither a live call nor a CDR has the id.
    /// </summary>
    private static async Task<IResult> SetDispositionAsync(string id, DispositionRequest? body, HttpContext http, CallControl calls, SqliteCdrStore cdrs, CdrWrapUpCodes wrapUps, IOptions<CallsOptions> options, CancellationToken ct)
    {
        var allowed = options.Value.EffectiveWrapUpCodes.Concat(DialerApiNames.DispositionNames).ToArray();
        if (body?.Code is not { } code || !allowed.Contains(code, StringComparer.Ordinal))
        {
            return Invalid("code", $"'{Shorten(body?.Code ?? "")}' is not a wrap-up code; use one of {string.Join(", ", allowed)}.");
        }

        var live = await calls.SendAsync(id, new DescribeCallCommand(false), ct);
        var ended = live is null ? cdrs.Get(id) : null;
        if (live is null && ended is null)
        {
            return Answer(id, null);
        }

        var caller = http.GetCaller();
        if (AgentKeyScope.OwnOnly(caller) && !(live is not null ? IsOwn(live.View, caller.AgentId ?? "") : ended!.Agent == caller.AgentId))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "An agent key sets the wrap-up code of its own agent's calls only.");
        }

        await wrapUps.SetAsync(id, code, "desk", agentId: null, ct);
        return Results.Ok(new { callId = id, code });
    }

    /// <summary>
    /// Agent keys work on their own calls only (the call's agent, or the agent whose own call it is); supervisors and
    /// administrators on any. <paramref name="http"/> null: the endpoint's policy already admits no agent keys.
    /// </summary>
    private static async Task<IResult> SendAsync(HttpContext? http, CallControl calls, string id, CallCommand command, CancellationToken ct)
    {
        if (http?.GetCaller() is { } caller && AgentKeyScope.OwnOnly(caller))
        {
            var current = await calls.SendAsync(id, new DescribeCallCommand(false), ct);
            if (current is null)
            {
                return Answer(id, null);
            }

            if (!IsOwn(current.View, caller.AgentId ?? ""))
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "An agent key controls the calls of its own agent only.");
            }
        }

        return Answer(id, await calls.SendAsync(id, command, ct));
    }

    private static bool IsOwn(CallView call, string agent) =>
        call.Agent == agent || call.Legs.Any(l => l.Role == "agent" && l.Party == agent);

    private static IResult Answer(string id, CallCommandResult? result) => result switch
    {
        null => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such call", detail: $"No live call has id '{Shorten(id)}' (never existed, or already ended: see /api/v1/cdrs)."),
        { Status: CallCommandStatus.Done } => Results.Ok(result.View),
        { Status: CallCommandStatus.Conflict } => Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "Not possible in the call's state",
            detail: result.Detail,
            extensions: new Dictionary<string, object?> { ["state"] = result.View.State }),
        _ => Invalid("command", result.Detail ?? "Invalid command."),
    };

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "Invalid call-control request");

    private static string Shorten(string id) => id.Length <= 64 ? id : id[..64] + "…";
}
