using System.Net;
using Cti.Registrar;
using Cti.Sip.Stack;
using Cti.Sip.Transactions;
using Cti.Sip.Transport;

namespace Cti.Host.SipRouting;

/// <summary>Maps the <c>Cti:Sip</c> settings onto the stack's options and listen endpoints.</summary>
internal static class SipStackFactory
{
    public static SipStackOptions CreateOptions(SipOptions sip)
    {
        ArgumentNullException.ThrowIfNull(sip);
        return new SipStackOptions
        {
            Timers = new SipTimerOptions { T1 = sip.Timers.T1, T2 = sip.Timers.T2, T4 = sip.Timers.T4 },
            Validation = SipRequestDispatcher.Policy,
        };
    }

    /// <summary>One endpoint per profile and transport, in profile-name order.</summary>
    public static IReadOnlyList<SipListenEndPoint> ListenEndPoints(SipOptions sip)
    {
        ArgumentNullException.ThrowIfNull(sip);
        return sip.Profiles
            .OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .SelectMany(p => p.Value.EffectiveTransports.Select(t => new SipListenEndPoint(
                t == SipTransportNames.Tcp ? SipTransportProtocol.Tcp : SipTransportProtocol.Udp,
                IPAddress.Parse(p.Value.Address),
                p.Value.Port)))
            .ToArray();
    }
}
