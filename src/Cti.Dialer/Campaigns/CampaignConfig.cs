namespace Cti.Dialer.Campaigns;

/// <summary>An immutable campaign definition. Validate with <see cref="CampaignConfigValidator"/> before use.</summary>
public sealed record CampaignConfig
{
    public required string CampaignId { get; init; }

    public CampaignMode Mode { get; init; } = CampaignMode.Progressive;

    /// <summary>A name from <see cref="Pacing.Pacers"/>; when null the mode's default pacer is used.</summary>
    public string? PacerName { get; init; }

    public IReadOnlyList<string> Agents { get; init; } = [];

    public string? Skill { get; init; }

    /// <summary>Trunks or line groups the host may use, in preference order.</summary>
    public IReadOnlyList<string> LineGroups { get; init; } = [];

    public required string CallerId { get; init; }

    public CallingWindow Window { get; init; } = new();

    /// <summary>A tzdb id forcing the callee's zone for every lead (instead of the number's own zones).</summary>
    public string? TimeZoneOverride { get; init; }

    /// <summary>The zone used when a number's zone cannot be determined.</summary>
    public string FallbackTimeZone { get; init; } = "Asia/Shanghai";

    public int MaxAttemptsPerLead { get; init; } = 5;

    public int MaxAttemptsPerNumberPerDay { get; init; } = 3;

    public RetrySchedule Retry { get; init; } = RetrySchedule.Default;

    public LeadOrder Order { get; init; } = LeadOrder.ImportOrder;

    /// <summary>How long a dial request lets the callee's phone ring; never below <see cref="MinimumRingTimeout"/>.</summary>
    public TimeSpan RingTimeout { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>Regulatory minimum ring time before giving up (Ofcom: 15 s).</summary>
    public TimeSpan MinimumRingTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A number whose call was abandoned is not redialled within this period (default 72 h).</summary>
    public TimeSpan AbandonedRedialBlock { get; init; } = TimeSpan.FromHours(72);

    /// <summary>Abandon-rate ceiling the pacer must keep under (default 3 %).</summary>
    public double AbandonRateCap { get; init; } = 0.03;

    /// <summary>
    /// The abandon rate the predictive pacer aims at over the formula's window (default 2.5 %): it dials harder while the
    /// running rate is under it and backs off above it. Must be in (0, <see cref="AbandonRateCap"/>].
    /// </summary>
    public double AbandonTarget { get; init; } = 0.025;

    /// <summary>The formula (and so the window) the target and the cap are held over.</summary>
    public Compliance.AbandonFormula AbandonFormula { get; init; } = Compliance.AbandonFormula.UsTsr;

    /// <summary>How long a live callee may wait for an agent before the call counts as abandoned (default 2 s).</summary>
    public TimeSpan AbandonAgentWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Played to an abandoned callee; {company} and {callback} are substituted.</summary>
    public string AbandonMessageTemplate { get; init; } = "This call was from {company}. Please call us back on {callback}.";

    public string CompanyName { get; init; } = string.Empty;

    public string CallbackNumber { get; init; } = string.Empty;

    /// <summary>Calls per free agent for the fixed-ratio pacer.</summary>
    public double FixedDialRatio { get; init; } = 2.0;
}
