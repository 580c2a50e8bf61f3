namespace Cti.Trunks;

/// <summary>One carrier trunk in <c>Cti:Trunks</c>.</summary>
internal sealed class TrunkOptions
{
    public static readonly TimeSpan DefaultOptionsInterval = TimeSpan.FromSeconds(30);

    public string Name { get; set; } = string.Empty;

    /// <summary>The <c>Cti:Sip:Profiles</c> listener the carrier sends to; it then serves trunks only.</summary>
    public string Profile { get; set; } = string.Empty;

    /// <summary>Carrier signalling addresses as host:port; OPTIONS keepalives go to each.</summary>
    public IList<string> Peers { get; } = new List<string>();

    /// <summary><c>udp</c> (default) or <c>tcp</c>, for keepalives sent to the peers.</summary>
    public string Transport { get; set; } = "udp";

    /// <summary>Source networks (CIDR) allowed to send on the trunk's profile.</summary>
    public IList<string> AllowFrom { get; } = new List<string>();

    /// <summary>Dialled number (DID) → queue id.</summary>
    public IDictionary<string, string> Dids { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// ISO 3166 region used to read national caller numbers (e.g. <c>CN</c>) on this trunk, for a carrier in another
    /// country; unset means <c>Cti:DefaultRegion</c>.
    /// </summary>
    public string? DefaultRegion { get; set; }

    /// <summary>Keepalive period; zero turns the keepalive off.</summary>
    public TimeSpan OptionsInterval { get; set; } = DefaultOptionsInterval;

    /// <summary>Stored for outbound registration, which a later release adds.</summary>
    public TrunkRegistrationOptions? Registration { get; set; }

    /// <summary>Where the definition was read (<c>Cti:Trunks:carrier-a</c>), so errors name the key the site wrote.</summary>
    internal string? ConfigurationPath { get; set; }
}
