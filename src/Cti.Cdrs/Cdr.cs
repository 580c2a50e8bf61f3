namespace Cti.Cdrs;

/// <summary>
/// The call detail record: one per call, written once when the call (and its wrap-up) is over. Times are UTC;
/// durations are seconds. Numbers are E.164. See docs/cdr.md.
/// </summary>
internal sealed record Cdr
{
    /// <summary>The call's correlation id (the same <c>callId</c> its events carry).</summary>
    public required string CallId { get; init; }

    public CallDirection Direction { get; init; }

    public string? Trunk { get; init; }

    public string? Line { get; init; }

    public string? From { get; init; }

    public string? To { get; init; }

    public string? Did { get; init; }

    public string? Queue { get; init; }

    public string? Agent { get; init; }

    public string? Campaign { get; init; }

    public string? Lead { get; init; }

    public required DateTimeOffset StartAt { get; init; }

    public DateTimeOffset? QueuedAt { get; init; }

    public DateTimeOffset? OfferedAt { get; init; }

    public DateTimeOffset? AnsweredAt { get; init; }

    public required DateTimeOffset EndAt { get; init; }

    public double WaitSeconds { get; init; }

    public double RingSeconds { get; init; }

    public double TalkSeconds { get; init; }

    public double HoldSeconds { get; init; }

    public double WrapUpSeconds { get; init; }

    public CdrDisposition Disposition { get; init; }

    /// <summary>Final SIP status of the call leg, when there was one.</summary>
    public int? SipCode { get; init; }

    /// <summary>Q.850 cause value of the release, when known.</summary>
    public int? Q850Cause { get; init; }

    public HangupParty? HungUpBy { get; init; }

    public IReadOnlyList<CdrTransferStep> Transfers { get; init; } = [];

    public string? RecordingPath { get; init; }

    /// <summary>Stretches of the recording paused through the API, in seconds from its start (silence in the file).</summary>
    public IReadOnlyList<CdrRecordingGap> RecordingGaps { get; init; } = [];

    /// <summary>The wrap-up code the agent desk set for the call (configured codes, or the dialer's dispositions).</summary>
    public string? WrapUpCode { get; init; }

    /// <summary>Every problem that would make the record unusable; empty when it is fine.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(CallId))
        {
            problems.Add("CallId must not be empty.");
        }

        if (EndAt < StartAt)
        {
            problems.Add("EndAt must not be before StartAt.");
        }

        if (new[] { WaitSeconds, RingSeconds, TalkSeconds, HoldSeconds, WrapUpSeconds }.Any(s => s < 0 || double.IsNaN(s)))
        {
            problems.Add("Durations must be zero or more seconds.");
        }

        return problems;
    }
}
