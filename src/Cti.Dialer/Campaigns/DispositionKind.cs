namespace Cti.Dialer.Campaigns;

/// <summary>What the agent recorded after a live conversation.</summary>
public enum DispositionKind
{
    Success,
    Callback,
    NotInterested,
    WrongNumber,
    DoNotCall,
}
