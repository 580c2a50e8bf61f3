using Cti.Dialer.Campaigns;
using Cti.Dialer.Numbers;
using NodaTime;

namespace Cti.Dialer.Compliance;

/// <summary>Works out the callee's candidate zones: the campaign override, else the number's zones, else the fallback.</summary>
public sealed class CalleeClock(NumberTimeZoneResolver resolver)
{
    public IReadOnlyList<DateTimeZone> ZonesFor(string e164, CampaignConfig campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (campaign.TimeZoneOverride is { } overrideId && DateTimeZoneProviders.Tzdb.GetZoneOrNull(overrideId) is { } forced)
        {
            return [forced];
        }

        var zones = resolver.Resolve(e164);
        if (zones.Count > 0)
        {
            return zones;
        }

        return [DateTimeZoneProviders.Tzdb.GetZoneOrNull(campaign.FallbackTimeZone) ?? DateTimeZone.Utc];
    }
}
