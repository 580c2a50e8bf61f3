namespace Cti.Calls;

/// <summary><c>Cti:Calls</c>: how call control treats callers and agents.</summary>
internal sealed class CallsOptions
{
    public const string SectionName = "Cti:Calls";

    /// <summary>
    /// Queue with early media: answer 183 with SDP and play the welcome prompt and music before an agent answers (the
    /// caller is not charged). When false the caller hears ringback (180) until an agent answers.
    /// </summary>
    public bool EarlyMedia { get; set; } = true;

    /// <summary>Calls are ended after this long, whatever their state (protects against lost BYEs).</summary>
    public TimeSpan MaxCallDuration { get; set; } = TimeSpan.FromHours(4);

    /// <summary>
    /// Outbound: how long a customer who answered may wait for an agent before the call counts as abandoned and they
    /// hear the abandon message (2 s is the usual regulatory limit).
    /// </summary>
    public TimeSpan AbandonWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Preview dialling: how long a lead is shown to its agent before it is dialled anyway (timed preview). Zero waits
    /// until the agent dials it (<c>POST /api/v1/previews/{callId}/dial</c>).
    /// </summary>
    public TimeSpan PreviewTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Calls agents place from their phones: how long the number may ring.</summary>
    public TimeSpan ManualCallRingTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The trunk agents' own calls leave through; empty means the first configured trunk.</summary>
    public string ManualCallTrunk { get; set; } = string.Empty;

    /// <summary>The caller id agents' own calls present; empty means the trunk's first DID.</summary>
    public string ManualCallerId { get; set; } = string.Empty;

    /// <summary>How long a transfer target (agent or outside number) may ring before the transfer fails.</summary>
    public TimeSpan TransferRingTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The wrap-up codes agents may give a call (<c>POST /api/v1/calls/{id}/disposition</c>); empty means
    /// <see cref="DefaultWrapUpCodes"/>. The dialer's dispositions (success, callback…) are accepted as well.
    /// </summary>
    public IList<string> WrapUpCodes { get; } = new List<string>();

    /// <summary>Calls placed by the agent desk (click to dial).</summary>
    public Control.ClickToDialOptions ClickToDial { get; } = new();

    public static IReadOnlyList<string> DefaultWrapUpCodes { get; } = ["resolved", "follow-up", "complaint", "sale", "no-sale", "wrong-number", "other"];

    /// <summary>The codes in force: the configured ones, or the defaults.</summary>
    public IReadOnlyList<string> EffectiveWrapUpCodes => WrapUpCodes.Count > 0 ? [.. WrapUpCodes] : DefaultWrapUpCodes;
}
