namespace Cti.Dialer.Campaigns;

public enum LeadStatus
{
    /// <summary>Due now or at <see cref="LeadState.NextDueAt"/>.</summary>
    Pending,
    Dialing,

    /// <summary>Answered live; waiting for the agent's disposition.</summary>
    InConversation,
    Callback,
    Success,
    Closed,
    DoNotCall,
    Invalid,

    /// <summary>No more attempts allowed or no retry configured for the last outcome.</summary>
    Exhausted,
}
