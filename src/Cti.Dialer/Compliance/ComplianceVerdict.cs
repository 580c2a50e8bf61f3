namespace Cti.Dialer.Compliance;

/// <summary>The result of a policy check. <see cref="RetryAfter"/> hints when the block lifts, if known.</summary>
public readonly record struct ComplianceVerdict(bool Allowed, string? Policy, string? Reason, DateTimeOffset? RetryAfter, bool Permanent)
{
    public static ComplianceVerdict Allow => new(true, null, null, null, false);

    public static ComplianceVerdict Block(string policy, string reason, DateTimeOffset? retryAfter = null, bool permanent = false) =>
        new(false, policy, reason, retryAfter, permanent);
}
