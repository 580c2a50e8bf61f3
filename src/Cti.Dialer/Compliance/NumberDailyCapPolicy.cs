using NodaTime;

namespace Cti.Dialer.Compliance;

/// <summary>Caps attempts to one number per calendar day in the callee's local time (the earliest candidate midnight counts).</summary>
public sealed class NumberDailyCapPolicy(IAttemptHistory history, CalleeClock clock) : ICompliancePolicy
{
    public string Name => CompliancePolicies.NumberDailyCap;

    public ComplianceVerdict Check(DialContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var instant = Instant.FromDateTimeOffset(context.Now);
        DateTimeOffset? since = null;
        foreach (var zone in clock.ZonesFor(context.Lead.Phone.E164, context.Campaign))
        {
            var startOfDay = instant.InZone(zone).Date.AtStartOfDayInZone(zone).ToDateTimeOffset();
            since = since is null || startOfDay < since ? startOfDay : since;
        }

        var count = history.CountAttemptsForNumberSince(context.Lead.Phone.E164, since ?? context.Now.AddDays(-1));
        return count >= context.Campaign.MaxAttemptsPerNumberPerDay
            ? ComplianceVerdict.Block(Name, $"number reached {context.Campaign.MaxAttemptsPerNumberPerDay} attempts today")
            : ComplianceVerdict.Allow;
    }
}
