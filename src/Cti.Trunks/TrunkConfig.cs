using System.Net;
using Cti.Numbers;
using Cti.Sip.Transport;

namespace Cti.Trunks;

/// <summary>The validated, immutable form of one trunk.</summary>
internal sealed record TrunkConfig(
    string Name,
    string Profile,
    IReadOnlyList<SipEndPoint> Peers,
    IReadOnlyList<IPNetwork> AllowFrom,
    DidRouter Dids,
    PhoneNumberNormalizer Numbers,
    TimeSpan OptionsInterval)
{
    /// <summary>The region national caller numbers on this trunk are read in.</summary>
    public string DefaultRegion => Numbers.DefaultRegion;

    public bool Allows(IPAddress source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var address = source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source;
        return AllowFrom.Any(n => n.Contains(address));
    }

    /// <summary>
    /// Maps validated options; call only after <see cref="TrunksOptionsValidator"/> passed. The trunk reads numbers
    /// with <paramref name="numbers"/> unless it names a region of its own.
    /// </summary>
    public static TrunkConfig From(TrunkOptions options, PhoneNumberNormalizer numbers)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        ArgumentNullException.ThrowIfNull(options);
        var transport = options.Transport == TrunkTransportNames.Tcp ? SipTransportProtocol.Tcp : SipTransportProtocol.Udp;
        return new TrunkConfig(
            options.Name,
            options.Profile,
            options.Peers.Select(p => new SipEndPoint(transport, IPEndPoint.Parse(p))).ToArray(),
            options.AllowFrom.Select(n => IPNetwork.Parse(n)).ToArray(),
            new DidRouter(options.Dids),
            numbers.WithRegion(options.DefaultRegion),
            options.OptionsInterval);
    }
}
