using Cti.Platform.Hosting;
using Cti.Platform.Metrics;
using Cti.Platform.Security;
using Cti.Registrar;
using Cti.Acd;
using Cti.Trunks.Registration;
using Cti.Sip.Stack;
using Microsoft.Extensions.Options;

namespace Cti.Trunks;

/// <summary>Wires carrier trunks (<c>Cti:Trunks</c>): options, directory, SIP handler, keepalive and API.</summary>
internal static class TrunkServiceCollectionExtensions
{
    public static IServiceCollection AddTrunks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var profiles = configuration.GetSection($"{SipOptions.SectionName}:Profiles").GetChildren()
            .Select(c => c.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var queues = RoutingOptionsReader.QueueIds(configuration);

        services.AddSingleton<IValidateOptions<TrunksOptions>>(new TrunksOptionsValidator(profiles, queues));
        services.AddOptions<TrunksOptions>()
            .ReadKeyed(configuration, TrunksOptionsReader.Apply)
            .ValidateOnStart();

        services.AddSingleton(sp =>
        {
            var numbers = sp.GetRequiredService<Cti.Numbers.PhoneNumberNormalizer>();
            return new TrunkDirectory(sp.GetRequiredService<IOptions<TrunksOptions>>().Value.Trunks.Select(t => TrunkConfig.From(t, numbers)));
        });
        services.AddSingleton<TrunkState>();
        services.AddSingleton(sp => new TrunkMetrics(sp.GetRequiredService<CtiMetrics>().Factory));
        services.AddSingleton<ISipEndPointRequestHandler>(sp => ActivatorUtilities.CreateInstance<TrunkRequestHandler>(
            sp, sp.GetRequiredService<IOptions<SipOptions>>().Value));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<TrunkKeepAlive>(
            sp, sp.GetRequiredService<IOptions<SipOptions>>().Value.Domain));
        services.AddHostedService(sp => sp.GetRequiredService<TrunkKeepAlive>());
        services.AddTrunkRegistration(configuration);
        return services;
    }

    public static RouteGroupBuilder MapTrunksApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/trunks");
        group.MapGet("/", (TrunkDirectory directory, TrunkState state, IOptions<TrunksOptions> options) =>
            Results.Ok(directory.Trunks.Select(t => View(t, state.Get(t.Name), options.Value, state)).ToArray()))
            .RequireAuthorization(CtiPolicies.Monitor);
        group.MapGet("/{name}", (string name, TrunkDirectory directory, TrunkState state, IOptions<TrunksOptions> options) =>
            directory.Trunks.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)) is { } trunk
                ? Results.Ok(View(trunk, state.Get(trunk.Name), options.Value, state))
                : Results.Problem(statusCode: 404, title: "Trunk not found", detail: $"No trunk is named '{name}'."))
            .RequireAuthorization(CtiPolicies.Monitor);
        return group;
    }

    private static TrunkView View(TrunkConfig trunk, TrunkStatus status, TrunksOptions options, TrunkState state)
    {
        var source = options.Trunks.First(o => string.Equals(o.Name, trunk.Name, StringComparison.OrdinalIgnoreCase));
        return new TrunkView(
            trunk.Name,
            trunk.Profile,
            trunk.Peers.Select(p => p.Remote.ToString()).ToArray(),
            source.Transport,
            trunk.AllowFrom.Select(n => n.ToString()).ToArray(),
            new SortedDictionary<string, string>(source.Dids, StringComparer.Ordinal),
            trunk.DefaultRegion,
            trunk.OptionsInterval.TotalSeconds,
            source.Registration is not null,
            status.Up switch { true => "up", false => "down", null => "unknown" },
            status.CheckedAt,
            status.LastStatusCode,
            source.Registration is null ? null : TrunkRegistrationView.From(source.Registration, state.GetRegistration(trunk.Name)));
    }
}
