using Cti.Events;

namespace Cti.Cdrs;

/// <summary>A CDR as the API serves it (JSON and CSV): enum names as text, numbers masked unless allowed.</summary>
internal sealed record CdrView(
    string CallId,
    string Direction,
    string? Trunk,
    string? Line,
    string? From,
    string? To,
    string? Did,
    string? Queue,
    string? Agent,
    string? Campaign,
    string? Lead,
    DateTimeOffset StartAt,
    DateTimeOffset? QueuedAt,
    DateTimeOffset? OfferedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset EndAt,
    double WaitSeconds,
    double RingSeconds,
    double TalkSeconds,
    double HoldSeconds,
    double WrapUpSeconds,
    string Disposition,
    int? SipCode,
    int? Q850Cause,
    string? HungUpBy,
    IReadOnlyList<CdrTransferStep> Transfers,
    string? RecordingPath,
    IReadOnlyList<CdrRecordingGap> RecordingGaps,
    string? WrapUpCode)
{
    public static CdrView Create(Cdr cdr, bool fullNumbers)
    {
        ArgumentNullException.ThrowIfNull(cdr);
        string? Number(string? n) => fullNumbers ? n : Cti.Numbers.PhoneNumberMask.Mask(n);
        return new CdrView(
            cdr.CallId,
            CdrWire.Name(cdr.Direction),
            cdr.Trunk,
            cdr.Line,
            Number(cdr.From),
            Number(cdr.To),
            cdr.Did,
            cdr.Queue,
            cdr.Agent,
            cdr.Campaign,
            cdr.Lead,
            cdr.StartAt,
            cdr.QueuedAt,
            cdr.OfferedAt,
            cdr.AnsweredAt,
            cdr.EndAt,
            cdr.WaitSeconds,
            cdr.RingSeconds,
            cdr.TalkSeconds,
            cdr.HoldSeconds,
            cdr.WrapUpSeconds,
            CdrWire.Name(cdr.Disposition),
            cdr.SipCode,
            cdr.Q850Cause,
            cdr.HungUpBy is { } party ? CdrWire.Name(party) : null,
            fullNumbers ? cdr.Transfers : [.. cdr.Transfers.Select(t => IsNumber(t.Target) ? t with { Target = Cti.Numbers.PhoneNumberMask.Mask(t.Target)! } : t)],
            cdr.RecordingPath,
            cdr.RecordingGaps,
            cdr.WrapUpCode);
    }

    /// <summary>Transfer targets are agents, queues or external numbers; only the numbers are masked.</summary>
    private static bool IsNumber(string target) => target.Length > 1 && target[0] == '+' && target.AsSpan(1).IndexOfAnyExceptInRange('0', '9') < 0;
}
