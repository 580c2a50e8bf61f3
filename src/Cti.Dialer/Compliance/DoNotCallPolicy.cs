namespace Cti.Dialer.Compliance;

/// <summary>Blocks numbers on the internal blacklist or an imported do-not-call list.</summary>
public sealed class DoNotCallPolicy(IDncStore store) : ICompliancePolicy
{
    public string Name => CompliancePolicies.DoNotCall;

    public ComplianceVerdict Check(DialContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return store.Contains(context.Lead.Phone.E164)
            ? ComplianceVerdict.Block(Name, "number is on a do-not-call list", permanent: true)
            : ComplianceVerdict.Allow;
    }
}
