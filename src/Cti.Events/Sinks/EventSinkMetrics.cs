using Prometheus;

namespace Cti.Events.Sinks;

/// <summary>
/// Instruments of the event sinks, labelled by sink name. Sink names come from configuration or the admin API, so
/// the label set stays as small as the list of sinks.
/// </summary>
internal sealed class EventSinkMetrics
{
    private readonly Gauge _lag;
    private readonly Counter _delivered;
    private readonly Counter _failed;

    public EventSinkMetrics(IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _lag = factory.CreateGauge("cti_sink_lag_events", "Committed events a sink has not acknowledged yet.", ["sink"]);
        _delivered = factory.CreateCounter("cti_sink_delivered_total", "Events a sink acknowledged.", ["sink"]);
        _failed = factory.CreateCounter("cti_sink_failed_total", "Batches a sink failed to take (each attempt counts).", ["sink"]);
    }

    public void Started(string sink)
    {
        _delivered.WithLabels(sink);
        _failed.WithLabels(sink);
    }

    public void Delivered(string sink, int count, long lag)
    {
        _delivered.WithLabels(sink).Inc(count);
        _lag.WithLabels(sink).Set(Math.Max(0, lag));
    }

    public void Failed(string sink, long lag)
    {
        _failed.WithLabels(sink).Inc();
        _lag.WithLabels(sink).Set(Math.Max(0, lag));
    }

    public double DeliveredCount(string sink) => _delivered.WithLabels(sink).Value;

    public double FailedCount(string sink) => _failed.WithLabels(sink).Value;

    public double Lag(string sink) => _lag.WithLabels(sink).Value;
}
