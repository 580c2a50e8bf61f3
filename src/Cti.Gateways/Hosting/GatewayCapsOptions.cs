namespace Cti.Gateways.Hosting;

/// <summary>Per-line limits that keep a SIM within its carrier's tolerance. Unset means unlimited.</summary>
internal sealed class GatewayCapsOptions
{
    /// <summary>Outbound attempts per local calendar day.</summary>
    public int? MaxCallsPerDay { get; set; }

    /// <summary>Minimum time between the starts of two outbound attempts.</summary>
    public TimeSpan? MinGapBetweenCalls { get; set; }

    /// <summary>Local hours in which the line may dial; outside them it reports CapReached.</summary>
    public GatewayActiveHoursOptions? ActiveHours { get; set; }
}
