using Cti.Registrar;
using Cti.Sip.Stack;
using Microsoft.Extensions.Options;

namespace Cti.Host.SipRouting;

internal static class SipServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SIP stack with its request handler and metrics observer, the listeners and the pinger. Call after
    /// AddRegistrar, which binds <c>Cti:Sip</c> and registers the REGISTER handler.
    /// </summary>
    public static IServiceCollection AddCtiSip(this IServiceCollection services)
    {
        services.AddSingleton<SipRequestDispatcher>();
        services.AddSingleton<CtiSipRequestHandler>();
        services.AddSingleton<SipMetricsObserver>();
        // The stack gets its request handler when the listeners start (SipListenerService), so call control, which
        // sends through the stack, can take it as an ordinary dependency.
        services.AddSingleton(sp => new SipStack(
            SipStackFactory.CreateOptions(sp.GetRequiredService<IOptions<SipOptions>>().Value),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SipStack>>(),
            sp.GetRequiredService<SipMetricsObserver>()));
        services.AddHostedService<SipListenerService>();
        // The registrar's pinger starts after the listeners it pings through, and stops before them.
        services.AddHostedService<ContactPinger>();
        return services;
    }
}
