using Cti.Campaigns;
using Cti.Dialer.Campaigns;
using Cti.Dialer.Compliance;
using Cti.Dialer.Numbers;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Cti.Calls.Control;

/// <summary>
/// What a click-to-dial number must pass before the agent's phone rings: the shared do-not-call list and the calling
/// window in the customer's local time (every zone the number may be in), as for the dialer's calls.
/// </summary>
internal sealed class ClickToDialCompliance
{
    private readonly SqliteDncStore _dnc;
    private readonly TimeProvider _time;
    private readonly CampaignConfig _rules;
    private readonly CalleeClock _clock = new(new NumberTimeZoneResolver());
    private readonly Lock _clockGate = new();

    public ClickToDialCompliance(SqliteDncStore dnc, IOptions<CallsOptions> options, TimeProvider time)
    {
        _dnc = dnc;
        _time = time;
        var click = options.Value.ClickToDial;
        var days = click.WindowDays.Count == 0
            ? new CallingWindow().Days
            : click.WindowDays.Select(d => Enum.Parse<IsoDayOfWeek>(d, ignoreCase: true)).ToHashSet();
        _rules = new CampaignConfig
        {
            CampaignId = "click-to-dial",
            CallerId = "-",
            FallbackTimeZone = click.FallbackTimeZone,
            Window = new CallingWindow
            {
                Days = days,
                Start = LocalTime.FromTicksSinceMidnight(click.WindowStart.Ticks),
                End = click.WindowEnd >= TimeSpan.FromDays(1) ? LocalTime.MaxValue : LocalTime.FromTicksSinceMidnight(click.WindowEnd.Ticks),
            },
        };
    }

    /// <summary>Null when <paramref name="e164"/> may be called now; otherwise the reason it may not.</summary>
    public string? Refusal(string e164)
    {
        if (_dnc.Contains(e164))
        {
            return "The number is on the do-not-call list.";
        }

        var now = Instant.FromDateTimeOffset(_time.GetUtcNow());
        IReadOnlyList<DateTimeZone> zones;
        lock (_clockGate)
        {
            zones = _clock.ZonesFor(e164, _rules);
        }

        foreach (var zone in zones)
        {
            var local = now.InZone(zone).LocalDateTime;
            if (!_rules.Window.Allows(local))
            {
                return $"Outside the calling window in {zone.Id} (local {local:yyyy-MM-dd HH:mm}).";
            }
        }

        return null;
    }
}
