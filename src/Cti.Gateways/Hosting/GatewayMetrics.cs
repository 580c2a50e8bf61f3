using Prometheus;

namespace Cti.Gateways.Hosting;

/// <summary>Prometheus instruments of the gateway lines. Labels are bounded: line name, outcome, reason.</summary>
internal sealed class GatewayMetrics
{
    private readonly Gauge _lineUp;
    private readonly Gauge _signalDbm;
    private readonly Counter _calls;
    private readonly Counter _errors;

    public GatewayMetrics()
        : this(Prometheus.Metrics.DefaultFactory)
    {
    }

    public GatewayMetrics(IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _lineUp = factory.CreateGauge("cti_gateway_line_up", "1 when the gateway line is up and in service.", ["line"]);
        _signalDbm = factory.CreateGauge("cti_gateway_signal_dbm", "Received signal strength of the line's module (+CSQ) in dBm.", ["line"]);
        _calls = factory.CreateCounter("cti_gateway_calls_total", "Calls on gateway lines by outcome.", ["line", "outcome"]);
        _errors = factory.CreateCounter("cti_gateway_errors_total", "Gateway line errors by reason.", ["line", "reason"]);
    }

    public void SetUp(string line, bool up) => _lineUp.WithLabels(line).Set(up ? 1 : 0);

    public void SetSignal(string line, int? dbm)
    {
        if (dbm is { } value)
        {
            _signalDbm.WithLabels(line).Set(value);
        }
    }

    public void CountCall(string line, string outcome) => _calls.WithLabels(line, outcome).Inc();

    public void CountError(string line, string reason) => _errors.WithLabels(line, reason).Inc();

    public double CallCount(string line, string outcome) => _calls.WithLabels(line, outcome).Value;

    public double ErrorCount(string line, string reason) => _errors.WithLabels(line, reason).Value;
}
