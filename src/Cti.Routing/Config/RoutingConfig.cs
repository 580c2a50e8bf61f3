namespace Cti.Routing.Config;

/// <summary>Complete immutable routing configuration: skills, reasons, queues, agents and global policies.</summary>
public sealed record RoutingConfig
{
    public IReadOnlyList<string> Skills { get; init; } = [];

    public IReadOnlyList<string> NotReadyReasons { get; init; } = Config.NotReadyReasons.Defaults;

    public IReadOnlyList<QueueConfig> Queues { get; init; } = [];

    public IReadOnlyList<AgentConfig> Agents { get; init; } = [];

    /// <summary>Caller numbers treated as VIP; they receive <see cref="VipPriorityBoost"/>.</summary>
    public IReadOnlyList<string> VipNumbers { get; init; } = [];

    public int VipPriorityBoost { get; init; } = 10;

    /// <summary>How much waiting one point of caller priority is worth.</summary>
    public TimeSpan PriorityStep { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>A caller who spoke with an agent within this window is offered to that agent first; zero disables.</summary>
    public TimeSpan LastAgentWindow { get; init; } = TimeSpan.FromHours(4);

    /// <summary>How long a returning caller is held for the last agent before going to the queue.</summary>
    public TimeSpan LastAgentHold { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Interval of the watchdog that frees agents left reserved or on a call without a live call.</summary>
    public TimeSpan WatchdogInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>An outbound reservation not connected within this time is released by the watchdog.</summary>
    public TimeSpan OutboundReservationTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
