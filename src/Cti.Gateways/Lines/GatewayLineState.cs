using Cti.Gateways.At;

namespace Cti.Gateways.Lines;

/// <summary>The live state of one line. Changed only on the line's loop; everyone else reads snapshots.</summary>
internal sealed class GatewayLineState
{
    public GatewayLineStatus PortStatus { get; set; } = GatewayLineStatus.Starting;

    public string? PortReason { get; set; } = "opening port";

    /// <summary>Set while an operator holds the line out of service.</summary>
    public string? ManualOutOfServiceReason { get; set; }

    public int? SignalDbm { get; set; }

    public NetworkRegistration? Registration { get; set; }

    public string? SimState { get; set; }

    public string? LastError { get; set; }

    public DateOnly CallsDay { get; set; }

    public int CallsToday { get; set; }

    public DateTimeOffset? LastCallStartedAt { get; set; }

    public GatewayLineStatus Status => ManualOutOfServiceReason is null ? PortStatus : GatewayLineStatus.OutOfService;

    public string? StatusReason => ManualOutOfServiceReason ?? PortReason;
}
