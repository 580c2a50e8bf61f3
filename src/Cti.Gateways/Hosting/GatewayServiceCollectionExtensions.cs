using Cti.Gateways.Lines;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cti.Gateways.Hosting;

internal static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Cti:Gateways</c>, validates it on start (every error listed), and registers the line registry and one
    /// background worker per configured line.
    /// </summary>
    public static IServiceCollection AddGateways(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(GatewaysOptions.SectionName);
        services.AddOptions<GatewaysOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewaysOptions>, GatewaysOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GatewayMetrics>();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<GatewaysOptions>>().Value;
            var timeProvider = sp.GetRequiredService<TimeProvider>();
            var metrics = sp.GetRequiredService<GatewayMetrics>();
            var logger = sp.GetRequiredService<ILogger<GatewayLine>>();
            return new GatewayLineSet([.. options.Lines.Select(o => new GatewayLine(o, timeProvider, metrics, logger))]);
        });
        services.TryAddSingleton<IGatewayLineRegistry>(sp => new GatewayLineRegistry(sp.GetRequiredService<GatewayLineSet>().Lines));

        // The number of workers is fixed by the configuration at start-up; each owns one line.
        var count = section.GetSection("Lines").GetChildren().Count();
        for (var i = 0; i < count; i++)
        {
            var index = i;
            services.AddSingleton<IHostedService>(sp => new GatewayLineWorker(
                sp.GetRequiredService<GatewayLineSet>().Lines[index],
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<GatewayMetrics>(),
                sp.GetRequiredService<ILogger<GatewayLineWorker>>()));
        }

        return services;
    }
}
