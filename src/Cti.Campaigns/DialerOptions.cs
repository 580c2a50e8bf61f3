namespace Cti.Campaigns;

/// <summary>Settings of the outbound dialer (<c>Cti:Dialer</c>).</summary>
internal sealed class DialerOptions
{
    public const string SectionName = "Cti:Dialer";

    /// <summary>Moved to <c>Cti:DefaultRegion</c>; read only so that an old setting is refused, not silently ignored.</summary>
    public string? DefaultRegion { get; set; }

    /// <summary>How often each campaign asks for its agents, refreshes its live status and writes lead state.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest accepted list upload in bytes (the web server's own limit of 30 MB applies as well).</summary>
    public long MaxUploadBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>Campaigns defined in the settings; they are created (or updated) in the database at start.</summary>
    public IReadOnlyList<CampaignDefinition> Campaigns { get; set; } = [];
}
