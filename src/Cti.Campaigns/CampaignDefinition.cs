namespace Cti.Campaigns;

/// <summary>
/// A campaign as written in <c>Cti:Dialer:Campaigns</c> or posted to the API (camelCase JSON). Turned into a
/// validated <see cref="Cti.Dialer.Campaigns.CampaignConfig"/> by <see cref="CampaignDefinitionMapper"/>.
/// </summary>
internal sealed class CampaignDefinition
{
    public string Id { get; set; } = "";

    /// <summary><c>preview</c>, <c>progressive</c> or <c>predictive</c>.</summary>
    public string Mode { get; set; } = "progressive";

    /// <summary>A pacer name; empty for the mode's default.</summary>
    public string? Pacer { get; set; }

    /// <summary>The ACD queue / skill whose agents take the calls.</summary>
    public string? Queue { get; set; }

    public IReadOnlyList<string> Agents { get; set; } = [];

    public IReadOnlyList<string> LineGroups { get; set; } = [];

    public string CallerId { get; set; } = "";

    /// <summary>Callee local time, <c>HH:mm</c>.</summary>
    public string WindowStart { get; set; } = "09:00";

    /// <summary>Callee local time, <c>HH:mm</c>, exclusive.</summary>
    public string WindowEnd { get; set; } = "20:00";

    /// <summary>Day names (<c>Monday</c> …); empty for Monday to Friday.</summary>
    public IReadOnlyList<string> WindowDays { get; set; } = [];

    /// <summary>Dates (<c>yyyy-MM-dd</c>) on which nobody is called.</summary>
    public IReadOnlyList<string> Holidays { get; set; } = [];

    /// <summary>A tzdb zone forcing the callee's zone; empty to use each number's own zone.</summary>
    public string? TimeZone { get; set; }

    public string FallbackTimeZone { get; set; } = "Asia/Shanghai";

    public int MaxAttempts { get; set; } = 3;

    public int MaxAttemptsPerNumberPerDay { get; set; } = 3;

    public int RingTimeoutSeconds { get; set; } = 25;

    public double AbandonRateCap { get; set; } = 0.03;

    /// <summary>The abandon rate the predictive pacer aims at, in (0, <see cref="AbandonRateCap"/>].</summary>
    public double AbandonTarget { get; set; } = 0.025;

    /// <summary><c>UsTsr</c> (30 days) or <c>UkOfcom</c> (24 hours): the window the target and the cap are held over.</summary>
    public string AbandonFormula { get; set; } = "UsTsr";

    public string CompanyName { get; set; } = "";

    public string CallbackNumber { get; set; } = "";

    /// <summary>The run state when the campaign is first created: <c>paused</c> (default), <c>running</c> or <c>stopped</c>.</summary>
    public string InitialState { get; set; } = "paused";
}
