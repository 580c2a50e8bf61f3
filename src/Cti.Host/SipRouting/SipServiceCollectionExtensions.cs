using Cti.Host.Options;
using Cti.Host.Registrar;
using Cti.Sip.Auth;
using Cti.Sip.Stack;
using Microsoft.Extensions.Options;

namespace Cti.Host.SipRouting;

internal static class SipServiceCollectionExtensions
{
    /// <summary>Registers the SIP stack with its request handler and metrics observer, the listeners and the pinger.</summary>
    public static IServiceCollection AddCtiSip(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var registrar = sp.GetRequiredService<IOptions<CtiOptions>>().Value.Registrar;
            return new DigestAuthenticator(new DigestAuthOptions { Realm = registrar.Realm, NonceLifetime = registrar.NonceLifetime }, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CtiOptions>>().Value;
            return new DigestChallengePolicy(options.Registrar.EffectiveChallengeAlgorithms, options.Agents);
        });
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<RegisterRequestHandler>(sp, sp.GetRequiredService<DigestChallengePolicy>()));
        services.AddSingleton<SipRequestDispatcher>();
        services.AddSingleton<CtiSipRequestHandler>();
        services.AddSingleton<SipMetricsObserver>();
        // The stack gets its request handler when the listeners start (SipListenerService), so call control, which
        // sends through the stack, can take it as an ordinary dependency.
        services.AddSingleton(sp => new SipStack(
            SipStackFactory.CreateOptions(sp.GetRequiredService<IOptions<CtiOptions>>().Value.Sip),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SipStack>>(),
            sp.GetRequiredService<SipMetricsObserver>()));
        services.AddHostedService<SipListenerService>();
        services.AddHostedService<ContactPinger>();
        return services;
    }
}
