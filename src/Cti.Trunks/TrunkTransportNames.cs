using Cti.Registrar;

namespace Cti.Trunks;

/// <summary>Transports a trunk may name for its keepalives.</summary>
internal static class TrunkTransportNames
{
    public const string Udp = SipTransportNames.Udp;
    public const string Tcp = SipTransportNames.Tcp;
}
