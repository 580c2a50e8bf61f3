using Cti.Routing.Agents;
using Cti.Routing.Config;
using Cti.Routing.Queues;

namespace Cti.Routing.Engine.State;

/// <summary>Live state of one call known to the engine.</summary>
internal sealed class CallState(string callId)
{
    public string CallId { get; } = callId;

    public string? CallerNumber { get; init; }

    public bool IsOutbound { get; init; }

    public CallPhase Phase { get; set; }

    /// <summary>Agents who rejected or missed this call; it is offered to others first.</summary>
    public HashSet<string>? Declined { get; set; }

    /// <summary>The queue the call is in (waiting, held or ringing); null once answered.</summary>
    public QueueState? Queue { get; set; }

    public QueueState? AnsweredQueue { get; set; }

    public int Priority { get; init; }

    public long ArrivedTicks { get; init; }

    public long EnqueuedTicks { get; set; }

    /// <summary>Ordering key: arrival minus priority credit; smaller is served first. Fixed while queued.</summary>
    public long Key { get; init; }

    public long Seq { get; init; }

    public int Level { get; set; }

    public int NextStep { get; set; }

    /// <summary>Changes whenever the call enters or leaves a queue, invalidating that queue's timers.</summary>
    public int QueueToken { get; set; }

    public int OfferToken { get; set; }

    public int HoldToken { get; set; }

    public OverflowTarget? PendingOverflow { get; set; }

    public OverflowReason PendingReason { get; set; }

    public List<AgentState> Ringing { get; } = [];

    public AgentState? Agent { get; set; }

    public AgentState? TargetAgent { get; set; }

    public long AnsweredTicks { get; set; }

    public long HoldTicks { get; set; }

    public long HoldStartedTicks { get; set; }

    public int Overflows { get; set; }
}
