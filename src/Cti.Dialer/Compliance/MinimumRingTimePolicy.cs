namespace Cti.Dialer.Compliance;

/// <summary>Refuses a dial request whose no-answer timeout is shorter than the campaign minimum (15 s by default).</summary>
public sealed class MinimumRingTimePolicy : ICompliancePolicy
{
    public string Name => CompliancePolicies.MinimumRingTime;

    public ComplianceVerdict Check(DialContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var minimum = context.Campaign.MinimumRingTimeout < TimeSpan.FromSeconds(15) ? TimeSpan.FromSeconds(15) : context.Campaign.MinimumRingTimeout;
        return context.RingTimeout < minimum
            ? ComplianceVerdict.Block(Name, $"ring timeout {context.RingTimeout.TotalSeconds:0}s is below the {minimum.TotalSeconds:0}s minimum")
            : ComplianceVerdict.Allow;
    }
}
