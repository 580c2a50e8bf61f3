using Prometheus;

namespace Cti.Events;

/// <summary>Instruments of the event log. The type label is bounded by <see cref="CtiEventTypes.All"/>.</summary>
internal sealed class EventMetrics
{
    private readonly Counter _published;

    public EventMetrics(IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _published = factory.CreateCounter("cti_events_published_total", "Events committed to the event log, by type.", ["type"]);
        SseClients = factory.CreateGauge("cti_events_sse_clients", "Clients connected to the event stream.");
        SseStalledDisconnects = factory.CreateCounter("cti_events_sse_stalled_disconnects_total", "Event stream connections dropped because the client stopped reading.");
        foreach (var type in CtiEventTypes.All.Append(CtiEventTypes.Other))
        {
            _published.WithLabels(type);
        }
    }

    public Gauge SseClients { get; }

    public Counter SseStalledDisconnects { get; }

    public static string TypeLabel(string type) => CtiEventTypes.All.Contains(type) ? type : CtiEventTypes.Other;

    public void Published(string type) => _published.WithLabels(TypeLabel(type)).Inc();

    public double PublishedCount(string type) => _published.WithLabels(TypeLabel(type)).Value;
}
