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
        }).WithName("ListQueues");

        queues.MapGet("/{id}", async (string id, RoutingConfigState config, AcdEngine engine, CancellationToken ct) =>
        {
            var queue = config.Current.Queues.FirstOrDefault(q => q.Id == id);
            return queue is null ? NotFound("Queue", id) : Results.Ok(await QueueViewAsync(queue, config, engine, ct));
        }).WithName("GetQueue");

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
        }).WithName("PutQueue");

        queues.MapDelete("/{id}", async (string id, RoutingConfigState config, CancellationToken ct) =>
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
            return errors.Count > 0
                ? Invalid(errors, $"Queue '{id}' is still referenced and was not deleted.", StatusCodes.Status409Conflict)
                : Results.NoContent();
        }).WithName("DeleteQueue");
    }

    public static void MapAgents(RouteGroupBuilder api)
    {
        var agents = api.MapGroup("/agents").WithTags("Agents");
        agents.MapGet("/", async (RoutingConfigState config, AcdEngine engine, CancellationToken ct) =>
        {
            var snapshot = await engine.GetSnapshotAsync(ct);
            return Results.Ok(config.Current.Agents.Select(a => AgentViewOf(a, snapshot)).ToArray());
        }).WithName("ListAgents");

        agents.MapGet("/{id}", async (string id, RoutingConfigState config, AcdEngine engine, CancellationToken ct) =>
        {
            var agent = config.Current.Agents.FirstOrDefault(a => a.Id == id);
            return agent is null ? NotFound("Agent", id) : Results.Ok(AgentViewOf(agent, await engine.GetSnapshotAsync(ct)));
        }).WithName("GetAgent");

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
        }).WithName("PutAgent");

        agents.MapPost("/{id}/state", async (string id, AgentStateChangeRequest body, RoutingConfigState config, AgentStateChanger changer, CancellationToken ct) =>
        {
            if (config.Current.Agents.All(a => a.Id != id))
            {
                return NotFound("Agent", id);
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

            var result = await changer.ChangeAsync(id, kind, body.Reason, ct);
            if (result.Rejection is { } rejection)
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "State change not allowed",
                    detail: rejection.Detail,
                    extensions: new Dictionary<string, object?> { ["reason"] = rejection.Reason.ToString() });
            }

            return result.Agent is null ? NotFound("Agent", id) : Results.Ok(AgentStateView.From(result.Agent));
        }).WithName("ChangeAgentState");
    }

    public static void MapRouting(RouteGroupBuilder api)
    {
        var routing = api.MapGroup("/routing").WithTags("Routing");
        routing.MapGet("/stats", async (AcdEngine engine, RoutingConfigState config, CancellationToken ct) =>
            Results.Ok(StatsOf(await engine.GetSnapshotAsync(ct), config.Current)))
            .WithName("GetRoutingStats");
        routing.MapGet("/events", (IAcdOutputFeed feed) => Results.Ok(feed.RecentEvents().Select(RoutingEventView.From).ToArray()))
            .WithName("GetRoutingEvents");
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
