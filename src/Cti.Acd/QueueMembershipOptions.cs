namespace Cti.Acd;

/// <summary>Membership of an agent in a queue; lower tiers are offered calls first.</summary>
internal sealed class QueueMembershipOptions
{
    public string Queue { get; set; } = "";

    public int Tier { get; set; }
}
