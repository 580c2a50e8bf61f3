namespace Cti.Registrar;

internal sealed class SipProfileOptions
{
    public static readonly IReadOnlyList<string> DefaultTransports = [SipTransportNames.Udp, SipTransportNames.Tcp];

    public string Address { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 5060;

    /// <summary>Empty means the default pair, udp and tcp (the binder appends to lists, so defaults live here).</summary>
    public IList<string> Transports { get; } = new List<string>();

    public IReadOnlyList<string> EffectiveTransports =>
        Transports.Count == 0 ? DefaultTransports : Transports.Select(t => t.ToLowerInvariant()).Distinct().ToArray();
}
