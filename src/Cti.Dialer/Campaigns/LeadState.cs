using Cti.Dialer.Lists;

namespace Cti.Dialer.Campaigns;

/// <summary>Live state of one lead inside a campaign engine; owned and changed only by the engine.</summary>
public sealed class LeadState
{
    internal LeadState(Lead lead, long sequence)
    {
        Lead = lead;
        Sequence = sequence;
    }

    public Lead Lead { get; }

    public LeadStatus Status { get; internal set; } = LeadStatus.Pending;

    public int Attempts { get; internal set; }

    public DateTimeOffset NextDueAt { get; internal set; } = DateTimeOffset.MinValue;

    public string? CallbackAgentId { get; internal set; }

    public CallOutcome? LastOutcome { get; internal set; }

    public string? LastBlockReason { get; internal set; }

    internal long Sequence { get; }

    public bool IsFinal => Status is LeadStatus.Success or LeadStatus.Closed or LeadStatus.DoNotCall or LeadStatus.Invalid or LeadStatus.Exhausted;
}
