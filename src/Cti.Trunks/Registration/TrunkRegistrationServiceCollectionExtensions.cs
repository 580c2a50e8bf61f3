using Cti.Platform.Metrics;
using Cti.Registrar;
using Cti.Sip.Stack;
using Microsoft.Extensions.Options;

namespace Cti.Trunks.Registration;

/// <summary>Wires outbound trunk registration (<c>Cti:Trunks:n:Registration</c>); its state shows in the trunks API.</summary>
internal static class TrunkRegistrationServiceCollectionExtensions
{
    /// <summary>Call after AddTrunks (options, state) and after the SIP stack's listener service.</summary>
    public static IServiceCollection AddTrunkRegistration(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(sp => new TrunkRegistrationMetrics(sp.GetRequiredService<CtiMetrics>().Factory));
        services.AddSingleton<ITrunkSignalling>(sp => new SipStackTrunkSignalling(
            sp.GetRequiredService<SipStack>(), sp.GetRequiredService<IOptions<SipOptions>>().Value));
        services.AddSingleton<TrunkRegistrationService>();
        services.AddHostedService(sp => sp.GetRequiredService<TrunkRegistrationService>());
        return services;
    }
}
