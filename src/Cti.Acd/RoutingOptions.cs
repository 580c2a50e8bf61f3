namespace Cti.Acd;

/// <summary>The <c>Cti:Routing</c> section: skills, not-ready reasons, queues, agents and global routing policies.</summary>
internal sealed class RoutingOptions
{
    public const string SectionName = "Cti:Routing";

    public IList<string> Skills { get; } = new List<string>();

    /// <summary>Empty means the built-in defaults (break, lunch, meeting, training, no-answer).</summary>
    public IList<string> NotReadyReasons { get; } = new List<string>();

    public IList<RoutingQueueOptions> Queues { get; } = new List<RoutingQueueOptions>();

    public IList<RoutingAgentOptions> Agents { get; } = new List<RoutingAgentOptions>();

    public IList<string> VipNumbers { get; } = new List<string>();

    public int VipPriorityBoost { get; set; } = 10;

    public TimeSpan PriorityStep { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan LastAgentWindow { get; set; } = TimeSpan.FromHours(4);

    public TimeSpan LastAgentHold { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan WatchdogInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan OutboundReservationTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many recent engine events GET /api/v1/routing/events keeps.</summary>
    public int RecentEventCapacity { get; set; } = 200;
}
