using NodaTime;

namespace Cti.Dialer.Compliance;

/// <summary>
/// Allows a call only inside the campaign window in the callee's local time, on an allowed day that is not a holiday.
/// When a number has several candidate zones the call must be inside the window in every one of them.
/// </summary>
public sealed class CallingWindowPolicy(CalleeClock clock) : ICompliancePolicy
{
    public string Name => CompliancePolicies.CallingWindow;

    public ComplianceVerdict Check(DialContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var instant = Instant.FromDateTimeOffset(context.Now);
        foreach (var zone in clock.ZonesFor(context.Lead.Phone.E164, context.Campaign))
        {
            var local = instant.InZone(zone).LocalDateTime;
            if (!context.Campaign.Window.Allows(local))
            {
                return ComplianceVerdict.Block(Name, $"outside the calling window in {zone.Id} (local {local:yyyy-MM-dd HH:mm})");
            }
        }

        return ComplianceVerdict.Allow;
    }
}
