namespace Cti.Calls.Control;

/// <summary>
/// <c>Cti:Calls:ClickToDial</c>: calls the agent desk places (<c>POST /api/v1/calls</c>). They are held to a calling
/// window in the customer's local time and to the do-not-call list, like the dialer's calls.
/// </summary>
internal sealed class ClickToDialOptions
{
    /// <summary>Start of the calling window, customer's local time.</summary>
    public TimeSpan WindowStart { get; set; } = TimeSpan.FromHours(9);

    /// <summary>End of the calling window (exclusive); <c>1.00:00:00</c> means until midnight.</summary>
    public TimeSpan WindowEnd { get; set; } = TimeSpan.FromHours(20);

    /// <summary>Days calls are allowed (ISO names, e.g. <c>Monday</c>); empty means Monday to Friday.</summary>
    public IList<string> WindowDays { get; } = new List<string>();

    /// <summary>The zone used when a number's own zone cannot be told (tzdb id).</summary>
    public string FallbackTimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>How long the agent's phone may ring before the call is given up.</summary>
    public TimeSpan AgentRingTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the customer may ring.</summary>
    public TimeSpan RingTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
