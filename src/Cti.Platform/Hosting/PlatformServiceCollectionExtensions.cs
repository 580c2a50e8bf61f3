using Cti.Platform.Audit;
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
    /// normaliser, API-key authentication with the authorization policies (<see cref="CtiPolicies"/>) and the audit log.
    /// </summary>
    public static IServiceCollection AddPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PlatformOptions>().Bind(configuration.GetSection(PlatformOptions.SectionName))
            .ReadKeyed(configuration, ApiKeysReader.Apply).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlatformOptions>, PlatformOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CtiMetrics>();
        services.AddSingleton(sp => new SqliteDatabase(Options(sp).ResolveDataDirectory(), sp.GetRequiredService<ILogger<SqliteDatabase>>()));
        services.AddSingleton(sp => new Cti.Numbers.PhoneNumberNormalizer(Options(sp).DefaultRegion));
        services.AddSingleton(sp => new ApiKeyStore(Options(sp).Api));
        services.AddSingleton<ApiCallerResolver>();
        services.AddApiAuthorization();
        services.AddHostedService<ApiKeyWarnings>();
        services.AddSingleton<IAuditLog, SqliteAuditLog>();
        return services;
    }

    private static PlatformOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<PlatformOptions>>().Value;
}
