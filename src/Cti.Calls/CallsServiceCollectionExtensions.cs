using Cti.Platform.Metrics;
using Cti.Trunks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cti.Calls;

internal static class CallsServiceCollectionExtensions
{
    /// <summary>Binds <c>Cti:Calls</c> and registers the B2BUA: call controller, registry, contact resolver, metrics.</summary>
    public static IServiceCollection AddCalls(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CallsOptions>().Bind(configuration.GetSection(CallsOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CallsOptions>, CallsOptionsValidator>());
        services.TryAddSingleton(sp => new CallMetrics(sp.GetRequiredService<CtiMetrics>().Factory));
        services.TryAddSingleton<CallRegistry>();
        services.TryAddSingleton<CallListeners>();
        services.TryAddSingleton<AgentContactResolver>();
        services.TryAddSingleton<CallServices>();
        services.TryAddSingleton<CallFactory>();
        services.TryAddSingleton<CallController>();
        services.TryAddSingleton<PreviewBoard>();
        services.TryAddSingleton<Control.CallControl>();
        services.TryAddSingleton<Control.ClickToDialCompliance>();
        services.TryAddSingleton<ITrunkCallAcceptor>(sp => sp.GetRequiredService<CallController>());
        services.AddHostedService(sp => sp.GetRequiredService<CallController>());
        services.AddHostedService<CallMediaMetricsCollector>();

        // Inbound calls ringing on serial gateway lines (registered after the controller, so it stops first).
        services.AddHostedService<GatewayCallIntake>();

        // Call control places the dialer's calls; each request carries its campaign, to which outcomes go back.
        services.TryAddSingleton<Cti.Campaigns.IDialRequestSink, CallControlDialSink>();
        return services;
    }
}
