namespace Cti.Routing.Agents;

/// <summary>Why the engine refused a command.</summary>
public enum RejectionReason
{
    UnknownAgent,
    UnknownCall,
    UnknownQueue,
    UnknownNotReadyReason,
    DuplicateCall,
    AlreadyLoggedIn,
    NotLoggedIn,
    AgentBusy,
    NotOnCall,
    NotOnHold,
    NotInWrapUp,
    NotOffered,
    NotAvailableForOutbound,
    NotInCampaign,
    InvalidConfig,
}
