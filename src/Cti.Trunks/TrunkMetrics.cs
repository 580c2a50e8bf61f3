using Prometheus;

namespace Cti.Trunks;

/// <summary>Prometheus instruments of the trunks. Labels are bounded: trunk name, rejection reason.</summary>
internal sealed class TrunkMetrics
{
    private readonly Gauge _up;
    private readonly Counter _rejected;

    public TrunkMetrics(IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _up = factory.CreateGauge("cti_trunk_up", "1 when a peer of the trunk answered the last OPTIONS keepalive.", ["trunk"]);
        _rejected = factory.CreateCounter("cti_trunk_rejected_total", "Requests on trunk profiles rejected, by reason.", ["reason"]);
        foreach (var reason in TrunkRejectReasons.All)
        {
            _rejected.WithLabels(reason);
        }
    }

    public void SetUp(string trunk, bool up) => _up.WithLabels(trunk).Set(up ? 1 : 0);

    public void Rejected(string reason) => _rejected.WithLabels(reason).Inc();
}
