using Cti.Cdrs;

namespace Cti.Host.Tests.Cdrs;

internal static class CdrSamples
{
    public static readonly DateTimeOffset Base = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static Cdr Answered(string callId, int minute, string queue = "sales", string agent = "1001") => new()
    {
        CallId = callId,
        Direction = CallDirection.Inbound,
        Trunk = "carrier-a",
        Line = "gsm-1",
        From = "+8613812345678",
        To = "+861010000000",
        Did = "+861010000000",
        Queue = queue,
        Agent = agent,
        StartAt = Base.AddMinutes(minute),
        QueuedAt = Base.AddMinutes(minute).AddSeconds(2),
        OfferedAt = Base.AddMinutes(minute).AddSeconds(10),
        AnsweredAt = Base.AddMinutes(minute).AddSeconds(14),
        EndAt = Base.AddMinutes(minute).AddSeconds(134),
        WaitSeconds = 8,
        RingSeconds = 4,
        TalkSeconds = 110,
        HoldSeconds = 10,
        WrapUpSeconds = 20,
        Disposition = CdrDisposition.Answered,
        SipCode = 200,
        Q850Cause = 16,
        HungUpBy = HangupParty.Caller,
        Transfers = [new CdrTransferStep(Base.AddMinutes(minute).AddSeconds(60), agent, "+8613900001111", "blind")],
        RecordingPath = $"recordings/{callId}.wav",
        RecordingGaps = [new CdrRecordingGap(30, 42.5)],
        WrapUpCode = "sale",
    };

    public static Cdr Abandoned(string callId, int minute, string queue = "sales") => new()
    {
        CallId = callId,
        Direction = CallDirection.Inbound,
        From = "+8613700002222",
        Queue = queue,
        StartAt = Base.AddMinutes(minute),
        QueuedAt = Base.AddMinutes(minute).AddSeconds(1),
        EndAt = Base.AddMinutes(minute).AddSeconds(40),
        WaitSeconds = 39,
        Disposition = CdrDisposition.Abandoned,
        HungUpBy = HangupParty.Caller,
        Q850Cause = 16,
    };
}
