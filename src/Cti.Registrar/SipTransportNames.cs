namespace Cti.Registrar;

/// <summary>Transport names accepted in <c>Cti:Sip:Profiles:*:Transports</c>.</summary>
internal static class SipTransportNames
{
    public const string Udp = "udp";
    public const string Tcp = "tcp";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Udp, Tcp };
}
