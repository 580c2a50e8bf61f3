using Cti.Platform.Hosting;
using Cti.Platform.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cti.Campaigns;

internal static class DialerServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Cti:Dialer</c> (validated on start, every error listed), registers the SQLite stores, the default
    /// dial-request sink and agent source (both replaceable: register yours first), the metrics and the campaign service.
    /// </summary>
    public static IServiceCollection AddDialer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DialerOptions>().Bind(configuration.GetSection(DialerOptions.SectionName))
            .ReadKeyed(configuration, DialerOptionsReader.Apply).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DialerOptions>, DialerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteLeadStore>();
        services.TryAddSingleton<SqliteDncStore>();
        services.TryAddSingleton<SqliteAttemptHistory>();
        services.TryAddSingleton<SqliteCampaignStore>();
        services.TryAddSingleton<IOutboundAgentSource, AcdOutboundAgentSource>();
        services.TryAddSingleton(sp => new DialerMetrics(sp.GetRequiredService<CtiMetrics>().Factory));
        services.TryAddSingleton<CampaignService>();
        services.AddHostedService(sp => sp.GetRequiredService<CampaignService>());
        return services;
    }
}
