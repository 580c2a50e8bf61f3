namespace Cti.Events;

/// <summary>Settings of the event log and stream (<c>Cti:Events</c>).</summary>
internal sealed class EventsOptions
{
    public const string SectionName = "Cti:Events";

    /// <summary>Events older than this many days are deleted by the sweep.</summary>
    public int RetentionDays { get; set; } = 7;

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often an idle stream sends a comment line so proxies keep it open.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Events buffered per stream client; a client that falls further behind is disconnected.</summary>
    public int SubscriberBufferSize { get; set; } = 1024;

    /// <summary>How long one write to an event stream may take before the client counts as stalled and is dropped.</summary>
    public TimeSpan StreamWriteTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most write requests committed in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 512;
}
