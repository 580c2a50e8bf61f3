using Cti.Platform.Security;
using Cti.Platform.Metrics;
using Cti.Platform.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Cti.Platform.Streaming;

namespace Cti.Events;

internal static class EventsServiceCollectionExtensions
{
    /// <summary>Binds <c>Cti:Events</c> and registers the event writer, live broadcaster, retention sweep and stream.</summary>
    public static IServiceCollection AddEvents(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EventsOptions>().Bind(configuration.GetSection(EventsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EventsOptions>, EventsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new EventMetrics(sp.GetRequiredService<CtiMetrics>().Factory));
        services.TryAddSingleton(sp => new Sinks.EventSinkMetrics(sp.GetRequiredService<CtiMetrics>().Factory));
        services.TryAddSingleton(sp => new SqliteEventStore(sp.GetRequiredService<SqliteDatabase>()));
        services.TryAddSingleton(sp => new Fanout<EventRecord>(r => r.Seq, sp.GetRequiredService<SqliteEventStore>().MaxSeq()));
        services.TryAddSingleton<EventWriter>();
        services.TryAddSingleton<IEventPublisher>(sp => sp.GetRequiredService<EventWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<EventWriter>());
        services.AddHostedService<EventRetentionSweeper>();
        services.TryAddSingleton<EventStreamer>();
        return services;
    }

    /// <summary>
    /// Plugs a consumer into the event log: it receives every committed event in order, at least once, through its
    /// own <see cref="Sinks.EventSinkRunner"/>.
    /// </summary>
    public static IServiceCollection AddEventSink<TSink>(this IServiceCollection services)
        where TSink : class, Sinks.IEventSink
    {
        services.AddSingleton<TSink>();
        services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<Sinks.EventSinkRunner>(sp, sp.GetRequiredService<TSink>()));
        return services;
    }

    /// <summary>Maps GET /api/v1/events (server-sent events) and GET /api/v1/events/history (JSON paging).</summary>
    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/events").WithTags("Events");
        group.MapGet("/", (HttpContext context, EventStreamer streamer) => streamer.StreamAsync(context))
            .WithName("StreamEvents").RequireAuthorization(CtiPolicies.Monitor);
        group.MapGet("/history", History).WithName("EventHistory").RequireAuthorization(CtiPolicies.Monitor);
        return group;
    }

    private static IResult History(HttpContext context, SqliteEventStore store)
    {
        var (request, errors) = EventStreamRequest.Parse(context.Request);
        if (request is null)
        {
            return Results.ValidationProblem(errors, title: "Invalid event history request");
        }

        var masked = !context.GetCaller().SeesFullNumbers;
        var since = request.Since ?? 0;
        var records = store.ReadAfter(since, request.Limit + 1, types: request.Types);
        var hasMore = records.Count > request.Limit;
        var page = records.Take(request.Limit).ToArray();
        var events = page.Select(r => System.Text.Json.Nodes.JsonNode.Parse(masked ? Masking.MaskEventJson(r.Json) : r.Json)!).ToArray();
        return Results.Ok(new EventHistoryPage(events, page.Length > 0 ? page[^1].Seq : since, hasMore));
    }
}
