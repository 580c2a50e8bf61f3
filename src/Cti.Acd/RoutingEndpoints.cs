using Cti.Platform.Audit;
using Cti.Platform.Security;
using Cti.Routing.Agents;
using Cti.Routing.Config;
using Cti.Routing.Engine;
using Cti.Routing.Statistics;

namespace Cti.Acd;

/// <summary>Maps the ACD API: /api/v1/queues, /api/v1/agents and /api/v1/routing.</summary>
internal static class RoutingEndpoints
{
    private const string ErrorKey = "routing";

    public static void MapQueues(RouteGroupBuilder api)
    {
        var queues = api.MapGroup("/queues").WithTags("Queues");
        queues.MapGet("/", async (RoutingConfigState config, AcdEngine engine, CancellationToken ct) =>
        {
            var snapshot = await engine.GetSnapshotAsync(ct);
            return Results.Ok(config.Current.Queues.Select(q =>
            {
                var live = snapshot.Queues.FirstOrDefault(s => s.QueueId == q.Id);
                return new QueueSummaryView(q.Id, q.Name ?? q.Id, q.Strategy, q.Priority, live?.Waiting ?? 0, live?.LongestWait.TotalSeconds ?? 0, live?.AgentsLoggedIn ?? 0, live?.AgentsReady ?? 0);
            }).ToArray());
        }).WithName("ListQueues").RequireAuthorization(CtiPolicies.Monitor);

        queues.MapGet("/{id}", async (string id, RoutingConfigState config, AcdEngine engine, CancellationToken ct) =>
        {
            var queue = config.Current.Queues.FirstOrDefault(q => q.Id == id);
            return queue is null ? NotFound("Queue", id) : Results.Ok(await QueueViewAsync(queue, config, engine, ct));
        }).WithName("GetQueue").RequireAuthorization(CtiPolicies.Monitor);

        queues.MapPut("/{id}", async (string id, RoutingQueueOptions body, RoutingConfigState config, AcdEngine engine, CancellationToken ct) =>
        {
            var existed = config.Current.Queues.Any(q => q.Id == id);
            var errors = await config.ChangeAsync((current, errs) =>
            {
                if (body.Id is not null && body.Id != id)
                {
                    errs.Add($"The body's id '{body.Id}' differs from the URL's '{id}'.");
                }

                var queue = RoutingOptionsMapper.MapQueue(body, id, $"queue '{id}'", errs);
                return current with { Queues = Replace(current.Queues, queue, q => q.Id == id) };
            }, ct);
            if (errors.Count > 0)
            {
                return Invalid(errors, $"Queue '{id}' was not changed; the previous configuration stays in force.");
            }

            var view = await QueueViewAsync(config.Current.Queues.First(q => q.Id == id), config, engine, ct);
            return existed ? Results.Ok(view) : Results.Created($"/api/v1/queues/{id}", view);
        }).WithName("PutQueue").RequireAuthorization(CtiPolicies.Configure);

        queues.MapDelete("/{id}", async (string id, HttpContext http, RoutingConfigState config, IAuditLog audit, CancellationToken ct) =>
        {
            if (config.Current.Queues.All(q => q.Id != id))
            {
                return NotFound("Queue", id);
            }

            // Memberships go with the queue; references from other queues' overflow targets must be removed first.
            var errors = await config.ChangeAsync((current, _) => current with
            {
                Queues = [.. current.Queues.Where(q => q.Id != id)],
                Agents = [.. current.Agents.Select(a => a with { Queues = [.. a.Queues.Where(m => m.QueueId != id)] })],
            }, ct);
            audit.Record(http.GetCaller(), AuditActions.QueueDeleted, id, errors.Count > 0 ? AuditOutcome.Failed : AuditOutcome.Succeeded);
            return errors.Count > 0
                ? Invalid(errors, $"Queue '{id}' is still referenced and was not deleted.", StatusCodes.Status409Conflict)
                : Results.NoContent();
        }).WithName("DeleteQueue").RequireAuthorization(CtiPolicies.Delete);
    }

    public static void MapAgents(RouteGroupBuilder api)
    {
        var agents = api.MapGroup("/agents").WithTags("Agents");
        agents.MapGet("/", async (string? team, HttpContext http, RoutingConfigState config, AcdEngine engine, CancellationToken ct) =>
        {
            // Each key lists what it may see: agent keys themselves, supervisors their teams', the others everyone.
            var caller = http.GetCaller();
            var snapshot = await engine.GetSnapshotAsync(ct);
            return Results.Ok(config.Current.Agents
                .Where(a => caller.MaySeeAgent(a.Id, a.Teams) && (team is null || a.Teams.Contains(team, StringComparer.Ordinal)))
                .Select(a => AgentViewOf(a, snapshot))
                .ToArray());
        }).WithName("ListAgents").RequireAuthorization(CtiPolicies.AgentsRead);

        agents.MapGet("/{id}", async (string id, HttpContext http, RoutingConfigState config, AcdEngine engine, CancellationToken ct) =>
        {
            var agent = config.Current.Agents.FirstOrDefault(a => a.Id == id);
            if (agent is not null && !http.GetCaller().MaySeeAgent(agent.Id, agent.Teams))
            {
                return ApiProblems.Forbidden($"This key may not read agent '{id}'.");
            }

            return agent is null ? NotFound("Agent", id) : Results.Ok(AgentViewOf(agent, await engine.GetSnapshotAsync(ct)));
        }).WithName("GetAgent").RequireAuthorization(CtiPolicies.AgentsRead);

        agents.MapPut("/{id}", async (string id, RoutingAgentOptions body, RoutingConfigState config, AcdEngine engine, CancellationToken ct) =>
        {
            var existed = config.Current.Agents.Any(a => a.Id == id);
            var errors = await config.ChangeAsync((current, errs) =>
            {
                if (body.Id is not null && body.Id != id)
                {
                    errs.Add($"The body's id '{body.Id}' differs from the URL's '{id}'.");
                }

                var agent = RoutingOptionsMapper.MapAgent(body, id, $"agent '{id}'", errs);
                return current with { Agents = Replace(current.Agents, agent, a => a.Id == id) };
            }, ct);
            if (errors.Count > 0)
            {
                return Invalid(errors, $"Agent '{id}' was not changed; the previous configuration stays in force.");
            }

            var view = AgentViewOf(config.Current.Agents.First(a => a.Id == id), await engine.GetSnapshotAsync(ct));
            return existed ? Results.Ok(view) : Results.Created($"/api/v1/agents/{id}", view);
        }).WithName("PutAgent").RequireAuthorization(CtiPolicies.Configure);

        agents.MapPost("/{id}/state", ChangeStateAsync).WithName("ChangeAgentState").RequireAuthorization(CtiPolicies.AgentControl);
    }

    /// <summary>
    /// An agent changes its own state; a supervisor (for its teams' agents) or an admin forces another's: supervisors
    /// only to not-ready (with a reason) or logged out. Every forced change, and every refused attempt to force one,
    /// is audited.
    /// </summary>
    private static async Task<IResult> ChangeStateAsync(
        string id, AgentStateChangeRequest body, HttpContext http, RoutingConfigState config, AgentStateChanger changer, IAuditLog audit, CancellationToken ct)
    {
        var agent = config.Current.Agents.FirstOrDefault(a => a.Id == id);
        if (agent is null)
        {
            return NotFound("Agent", id);
        }

        var caller = http.GetCaller();
        var forced = !caller.IsAgent(id);
        if (!caller.MayControlAgent(id, agent.Teams))
        {
            if (caller.HasRole(ApiRoles.Supervisor))
            {
                audit.Record(caller, AuditActions.AgentStateForced, id, AuditOutcome.Denied, "the agent is not in the key's teams");
            }

            return ApiProblems.Forbidden($"This key may not change the state of agent '{id}'.");
        }

        var errors = new List<string>();
        if (body.Action is null || !AgentStateChanger.Actions.TryGetValue(body.Action, out var kind))
        {
            errors.Add($"Unknown action '{body.Action}'; use one of: {string.Join(", ", AgentStateChanger.Actions.Keys)}.");
            kind = default;
        }

        var reasons = config.Current.NotReadyReasons;
        if (body.Reason is not null && !reasons.Contains(body.Reason))
        {
            errors.Add($"Unknown reason code '{body.Reason}'; configured: {string.Join(", ", reasons)}.");
        }

        if (kind == AgentRequestKind.NotReady && body.Reason is null)
        {
            errors.Add("not-ready requires a reason code.");
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["state"] = [.. errors] }, title: "Invalid state request");
        }

        if (forced && !caller.IsAdmin && kind is not (AgentRequestKind.NotReady or AgentRequestKind.Logout))
        {
            audit.Record(caller, AuditActions.AgentStateForced, id, AuditOutcome.Denied, $"{body.Action}: supervisors may force not-ready or logout only");
            return ApiProblems.Forbidden($"A supervisor may force agent '{id}' to not-ready or logout only, not '{body.Action}'.");
        }

        var result = await changer.ChangeAsync(id, kind, body.Reason, ct);
        if (forced)
        {
            audit.Record(caller, AuditActions.AgentStateForced, id, result.Rejection is null ? AuditOutcome.Succeeded : AuditOutcome.Failed,
                body.Reason is null ? body.Action : $"{body.Action} ({body.Reason})");
        }

        if (result.Rejection is { } rejection)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "State change not allowed",
                detail: rejection.Detail,
                extensions: new Dictionary<string, object?> { ["reason"] = rejection.Reason.ToString() });
        }

        return result.Agent is null ? NotFound("Agent", id) : Results.Ok(AgentStateView.From(result.Agent));
    }

    public static void MapRouting(RouteGroupBuilder api)
    {
        var routing = api.MapGroup("/routing").WithTags("Routing");
        routing.MapGet("/stats", async (AcdEngine engine, RoutingConfigState config, CancellationToken ct) =>
            Results.Ok(StatsOf(await engine.GetSnapshotAsync(ct), config.Current)))
            .WithName("GetRoutingStats").RequireAuthorization(CtiPolicies.Monitor);
        routing.MapGet("/events", (IAcdOutputFeed feed) => Results.Ok(feed.RecentEvents().Select(RoutingEventView.From).ToArray()))
            .WithName("GetRoutingEvents").RequireAuthorization(CtiPolicies.Monitor);
    }

    internal static RoutingStatsView StatsOf(RoutingSnapshot snapshot, RoutingConfig config) => new(
        snapshot.At,
        snapshot.ConfigVersion,
        [.. snapshot.Queues.Select(q => QueueStatsView.From(q, QueueOccupancy(q.QueueId, snapshot, config)))],
        Enum.GetValues<AgentAvailability>().ToDictionary(RoutingMetrics.Label, v => snapshot.Agents.Count(a => a.Availability == v)),
        snapshot.AgentsFreeForOutbound,
        RoutingMetrics.MeanOccupancy(snapshot.Agents),
        snapshot.WatchdogFreedAgents);

    private static double QueueOccupancy(string queueId, RoutingSnapshot snapshot, RoutingConfig config)
    {
        var members = config.Agents.Where(a => a.Queues.Any(m => m.QueueId == queueId)).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        return RoutingMetrics.MeanOccupancy(snapshot.Agents.Where(a => members.Contains(a.AgentId)));
    }

    private static async Task<QueueView> QueueViewAsync(QueueConfig queue, RoutingConfigState config, AcdEngine engine, CancellationToken ct)
    {
        var snapshot = await engine.GetSnapshotAsync(ct);
        var live = snapshot.Queues.FirstOrDefault(s => s.QueueId == queue.Id);
        return new QueueView(queue.Id, RoutingOptionsMapper.ToOptions(queue), live is null ? null : QueueStatsView.From(live, QueueOccupancy(queue.Id, snapshot, config.Current)));
    }

    private static AgentView AgentViewOf(AgentConfig agent, RoutingSnapshot snapshot)
    {
        var live = snapshot.Agents.FirstOrDefault(s => s.AgentId == agent.Id);
        return new AgentView(agent.Id, RoutingOptionsMapper.ToOptions(agent), live is null ? null : AgentStateView.From(live));
    }

    private static List<T> Replace<T>(IReadOnlyList<T> items, T item, Func<T, bool> match)
    {
        var list = items.ToList();
        var index = list.FindIndex(i => match(i));
        if (index >= 0)
        {
            list[index] = item;
        }
        else
        {
            list.Add(item);
        }

        return list;
    }

    private static IResult Invalid(IReadOnlyList<string> errors, string detail, int status = StatusCodes.Status400BadRequest) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [ErrorKey] = [.. errors] }, detail: detail, statusCode: status, title: "Invalid routing configuration");

    private static IResult NotFound(string what, string id) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: $"{what} not found",
        detail: $"No {what.ToLowerInvariant()} has the id '{id}'.");
}
