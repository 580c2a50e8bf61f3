using Cti.Platform.Metrics;
using Cti.Platform.Security;
using Cti.Platform.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cti.Platform.Hosting;

internal static class PlatformServiceCollectionExtensions
{
    /// <summary>
    /// Binds the shared settings (<c>Cti:DataDirectory</c>, <c>Cti:DefaultRegion</c>, <c>Cti:Api</c>), validated on
    /// start, and registers what every feature stands on: the clock, the metrics registry, the database, the number
    /// normaliser and the API-key checks.
    /// </summary>
    public static IServiceCollection AddPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PlatformOptions>().Bind(configuration.GetSection(PlatformOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlatformOptions>, PlatformOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CtiMetrics>();
        services.AddSingleton(sp => new SqliteDatabase(Options(sp).ResolveDataDirectory(), sp.GetRequiredService<ILogger<SqliteDatabase>>()));
        services.AddSingleton(sp => new Cti.Numbers.PhoneNumberNormalizer(Options(sp).DefaultRegion));
        services.AddSingleton(sp => new ApiKeyValidator(Options(sp).Api.Keys));
        services.AddSingleton<ApiKeyEndpointFilter>();
        services.AddSingleton(sp => new ApiCallerResolver(Options(sp).Api));
        return services;
    }

    private static PlatformOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<PlatformOptions>>().Value;
}
