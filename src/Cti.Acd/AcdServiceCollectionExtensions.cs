using Cti.Platform.Hosting;
using Cti.Platform.Metrics;
using Cti.Platform.Security;
using Cti.Routing.Engine;
using Cti.Routing.Persistence;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cti.Acd;

/// <summary>Wires the inbound ACD into the service: options, engine loop, output feed, SQLite state, metrics and API.</summary>
internal static class AcdServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <c>Cti:Routing</c> on start (every error listed) and registers the engine with its hosted
    /// services. Registration order matters for shutdown (reverse order): the engine stops first, then the output
    /// feed drains, then the state flusher writes the last changes.
    /// </summary>
    public static IServiceCollection AddAcd(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RoutingOptions>().Bind(configuration.GetSection(RoutingOptions.SectionName))
            .ReadKeyed(configuration, RoutingOptionsReader.Apply).ValidateOnStart();
        var sipExtensions = RoutingOptionsValidator.SipExtensions(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RoutingOptions>>(new RoutingOptionsValidator(sipExtensions)));
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<SqliteRoutingStateStore>();
        services.AddSingleton<IRoutingStateStore>(sp => sp.GetRequiredService<SqliteRoutingStateStore>());
        services.AddSingleton(sp => new AcdEngine(
            InitialConfig(sp),
            sp.GetRequiredService<IRoutingStateStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AcdEngine>>()));
        services.AddSingleton(sp => new RoutingConfigState(
            sp.GetRequiredService<AcdEngine>(),
            InitialConfig(sp),
            sipExtensions));
        services.AddSingleton(sp => new AcdOutputHub(
            sp.GetRequiredService<AcdEngine>(),
            sp.GetRequiredService<IOptions<RoutingOptions>>().Value.RecentEventCapacity,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<AcdOutputHub>>()));
        services.AddSingleton<IAcdOutputFeed>(sp => sp.GetRequiredService<AcdOutputHub>());
        services.AddSingleton<AgentStateChanger>();
        services.AddSingleton<IAgentTeams, AcdAgentTeams>();
        services.AddSingleton(sp => new RoutingMetrics(sp.GetRequiredService<CtiMetrics>().Factory));

        services.AddHostedService<RoutingStateFlusher>();
        services.AddHostedService(sp => sp.GetRequiredService<AcdOutputHub>());
        services.AddHostedService<AcdEngineService>();
        services.AddHostedService<RoutingMetricsExporter>();
        return services;
    }

    /// <summary>
    /// Maps /api/v1/queues, /api/v1/agents and /api/v1/routing, each endpoint with its policy; returns the group so
    /// the host can require authentication on the whole of it.
    /// </summary>
    public static RouteGroupBuilder MapAcdApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1");
        RoutingEndpoints.MapQueues(api);
        RoutingEndpoints.MapAgents(api);
        RoutingEndpoints.MapRouting(api);
        return api;
    }

    private static Cti.Routing.Config.RoutingConfig InitialConfig(IServiceProvider services)
    {
        // The options were validated on start, so mapping cannot report errors here.
        var errors = new List<string>();
        return RoutingOptionsMapper.Map(services.GetRequiredService<IOptions<RoutingOptions>>().Value, errors);
    }
}
