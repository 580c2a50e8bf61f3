namespace Cti.Gateways.Hosting;

/// <summary>A daily window in local time, [From, To). From later than To spans midnight (22:00–06:00).</summary>
internal sealed class GatewayActiveHoursOptions
{
    public TimeOnly From { get; set; }

    public TimeOnly To { get; set; }

    public bool Contains(TimeOnly time) => From <= To
        ? time >= From && time < To
        : time >= From || time < To;
}
