using System.Net;
using Cti.Registrar;
using Cti.Trunks;
using Cti.Sip.Transport;
using Microsoft.Extensions.Options;

namespace Cti.Calls;

/// <summary>Which local listener a call leg uses: the agents profile towards phones, a trunk's profile towards its carrier.</summary>
internal sealed class CallListeners
{
    private readonly Dictionary<string, SipProfileOptions> _profiles;
    private readonly string _agentProfile;
    private readonly string _domain;

    public CallListeners(IOptions<SipOptions> options, TrunkDirectory trunks)
    {
        ArgumentNullException.ThrowIfNull(trunks);
        var sip = options.Value;
        _profiles = new Dictionary<string, SipProfileOptions>(sip.Profiles, StringComparer.Ordinal);
        _agentProfile = sip.Profiles.Keys.FirstOrDefault(p => !trunks.IsTrunkProfile(p)) ?? sip.Profiles.Keys.First();
        _domain = sip.Domain;
    }

    /// <summary>The SIP domain used in From/To of the requests the service originates.</summary>
    public string Domain => _domain;

    public IPEndPoint AgentListener => Listener(_agentProfile);

    public IPEndPoint Listener(string profile)
    {
        var p = _profiles[profile];
        return new IPEndPoint(IPAddress.Parse(p.Address), p.Port);
    }

    /// <summary><paramref name="destination"/> sent from the listener of <paramref name="profile"/>.</summary>
    public SipEndPoint From(string profile, SipEndPoint destination) => destination with { Local = Listener(profile) };

    public SipEndPoint FromAgentListener(SipEndPoint destination) => destination with { Local = AgentListener };

    /// <summary>A Contact header value for a leg on <paramref name="local"/>.</summary>
    public static string Contact(string user, IPEndPoint local, SipTransportProtocol transport)
    {
        ArgumentNullException.ThrowIfNull(local);
        var host = local.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "[" + local.Address + "]" : local.Address.ToString();
        var suffix = transport == SipTransportProtocol.Tcp ? ";transport=tcp" : string.Empty;
        return $"<sip:{user}@{host}:{local.Port}{suffix}>";
    }
}
