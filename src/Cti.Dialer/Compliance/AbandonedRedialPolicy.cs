namespace Cti.Dialer.Compliance;

/// <summary>Does not redial a number whose last call was abandoned within the block period (72 h by default).</summary>
public sealed class AbandonedRedialPolicy(IAttemptHistory history) : ICompliancePolicy
{
    public string Name => CompliancePolicies.AbandonedRedial;

    public ComplianceVerdict Check(DialContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var last = history.LastAbandoned(context.Lead.Phone.E164);
        if (last is { } at && context.Now < at + context.Campaign.AbandonedRedialBlock)
        {
            return ComplianceVerdict.Block(Name, "number had an abandoned call within the block period", at + context.Campaign.AbandonedRedialBlock);
        }

        return ComplianceVerdict.Allow;
    }
}
