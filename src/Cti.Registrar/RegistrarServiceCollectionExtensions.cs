using Cti.Platform.Hosting;
using Cti.Platform.Security;
using Cti.Sip.Auth;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Cti.Registrar;

internal static class RegistrarServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Cti:Registrar</c>, <c>Cti:Agents</c> and <c>Cti:Sip</c> (validated on start, every error listed) and
    /// registers the agent accounts, the binding store, the registrar engine, digest authentication and the REGISTER
    /// handler. The contact pinger is left to the host, which starts it after the listeners it pings through.
    /// </summary>
    public static IServiceCollection AddRegistrar(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RegistrarOptions>().Bind(configuration.GetSection(RegistrarOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RegistrarOptions>, RegistrarOptionsValidator>());
        services.AddOptions<AgentsOptions>()
            .Bind(configuration.GetSection(AgentsOptions.SectionName))
            .ReadKeyed(configuration, AgentsOptions.Read)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AgentsOptions>, AgentsOptionsValidator>());
        services.AddOptions<SipOptions>().Bind(configuration.GetSection(SipOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SipOptions>, SipOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<IBindingStore, SqliteBindingStore>();
        services.AddSingleton(sp => new AgentDirectory(Agents(sp).Agents, Registrar(sp).Realm));
        services.AddSingleton(sp => new RegistrarState(Registrar(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<RegistrarEngine>();
        services.AddHostedService(sp => sp.GetRequiredService<RegistrarEngine>());
        services.AddSingleton(sp => new AuthFailureTracker(Registrar(sp).Ban, sp.GetRequiredService<TimeProvider>()));

        services.AddSingleton(sp => new DigestAuthenticator(
            new DigestAuthOptions { Realm = Registrar(sp).Realm, NonceLifetime = Registrar(sp).NonceLifetime },
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new DigestChallengePolicy(Registrar(sp).EffectiveChallengeAlgorithms, Agents(sp).Agents));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<RegisterRequestHandler>(sp, sp.GetRequiredService<DigestChallengePolicy>()));
        return services;
    }

    private static RegistrarOptions Registrar(IServiceProvider services) => services.GetRequiredService<IOptions<RegistrarOptions>>().Value;

    private static AgentsOptions Agents(IServiceProvider services) => services.GetRequiredService<IOptions<AgentsOptions>>().Value;
}
