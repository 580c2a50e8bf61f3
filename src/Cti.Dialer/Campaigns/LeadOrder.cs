namespace Cti.Dialer.Campaigns;

/// <summary>Tie-break among due leads of the same priority.</summary>
public enum LeadOrder
{
    /// <summary>In import order (list, then row).</summary>
    ImportOrder,

    /// <summary>Leads with the fewest attempts first, then import order.</summary>
    FewestAttemptsFirst,
}
