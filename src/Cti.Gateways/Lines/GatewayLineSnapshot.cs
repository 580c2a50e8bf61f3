using Cti.Gateways.At;

namespace Cti.Gateways.Lines;

/// <summary>An immutable picture of a line's state and health, as the API and the registry see it.</summary>
internal sealed record GatewayLineSnapshot(
    string Name,
    string Group,
    string PortName,
    string AudioEndpoint,
    string? Queue,
    GatewayLineStatus Status,
    string? StatusReason,
    GatewayCallState CallState,
    int? SignalDbm,
    NetworkRegistration? Registration,
    string? SimState,
    string? LastError,
    DateOnly CallsDay,
    int CallsToday,
    DateTimeOffset? LastCallStartedAt,
    string? CapReason,
    DateTimeOffset UpdatedAt)
{
    public bool IsRegistered => Registration is NetworkRegistration.RegisteredHome or NetworkRegistration.RegisteredRoaming;
}
