namespace Cti.Dialer.Compliance;

/// <summary>A rule checked immediately before every dial. Returns a block with a reason, or <see cref="ComplianceVerdict.Allow"/>.</summary>
public interface ICompliancePolicy
{
    string Name { get; }

    ComplianceVerdict Check(DialContext context);
}
