using Cti.Dialer.Numbers;

namespace Cti.Dialer.Compliance;

/// <summary>Runs every policy before a dial, stops at the first block and counts blocks per policy.</summary>
public sealed class ComplianceChecker
{
    private readonly IReadOnlyList<ICompliancePolicy> _policies;
    private readonly Dictionary<string, long> _blocks = new(StringComparer.Ordinal);

    public ComplianceChecker(IEnumerable<ICompliancePolicy> policies)
    {
        _policies = policies?.ToArray() ?? throw new ArgumentNullException(nameof(policies));
    }

    /// <summary>The standard set: DNC, invalid numbers, attempt caps, abandoned redial, minimum ring time, calling window.</summary>
    public static ComplianceChecker CreateDefault(IDncStore dnc, IAttemptHistory history, NumberTimeZoneResolver resolver)
    {
        var clock = new CalleeClock(resolver);
        return new ComplianceChecker(
        [
            new DoNotCallPolicy(dnc),
            new InvalidNumberPolicy(history),
            new LeadAttemptCapPolicy(),
            new NumberDailyCapPolicy(history, clock),
            new AbandonedRedialPolicy(history),
            new MinimumRingTimePolicy(),
            new CallingWindowPolicy(clock),
        ]);
    }

    public IReadOnlyList<ICompliancePolicy> Policies => _policies;

    /// <summary>Blocks counted per policy name since this checker was created.</summary>
    public IReadOnlyDictionary<string, long> BlockCounts => _blocks;

    public ComplianceVerdict Check(DialContext context)
    {
        foreach (var policy in _policies)
        {
            var verdict = policy.Check(context);
            if (!verdict.Allowed)
            {
                _blocks[policy.Name] = _blocks.GetValueOrDefault(policy.Name) + 1;
                return verdict with { Policy = policy.Name };
            }
        }

        return ComplianceVerdict.Allow;
    }
}
