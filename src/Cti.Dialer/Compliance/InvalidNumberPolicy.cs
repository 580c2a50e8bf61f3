namespace Cti.Dialer.Compliance;

/// <summary>Never redials a number the network said does not exist (404, 484, 604).</summary>
public sealed class InvalidNumberPolicy(IAttemptHistory history) : ICompliancePolicy
{
    public string Name => CompliancePolicies.InvalidNumber;

    public ComplianceVerdict Check(DialContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return history.IsInvalid(context.Lead.Phone.E164)
            ? ComplianceVerdict.Block(Name, "number was reported as not existing", permanent: true)
            : ComplianceVerdict.Allow;
    }
}
