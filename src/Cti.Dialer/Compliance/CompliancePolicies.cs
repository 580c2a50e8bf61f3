namespace Cti.Dialer.Compliance;

/// <summary>Names of the built-in compliance policies (used as metric labels and in block reasons).</summary>
public static class CompliancePolicies
{
    public const string DoNotCall = "do-not-call";
    public const string CallingWindow = "calling-window";
    public const string LeadAttemptCap = "lead-attempt-cap";
    public const string NumberDailyCap = "number-daily-cap";
    public const string AbandonedRedial = "abandoned-redial";
    public const string MinimumRingTime = "minimum-ring-time";
    public const string InvalidNumber = "invalid-number";
}
