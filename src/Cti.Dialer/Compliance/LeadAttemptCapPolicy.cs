namespace Cti.Dialer.Compliance;

/// <summary>Stops a lead after the campaign's maximum number of attempts.</summary>
public sealed class LeadAttemptCapPolicy : ICompliancePolicy
{
    public string Name => CompliancePolicies.LeadAttemptCap;

    public ComplianceVerdict Check(DialContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.LeadAttempts >= context.Campaign.MaxAttemptsPerLead
            ? ComplianceVerdict.Block(Name, $"lead reached {context.Campaign.MaxAttemptsPerLead} attempts", permanent: true)
            : ComplianceVerdict.Allow;
    }
}
