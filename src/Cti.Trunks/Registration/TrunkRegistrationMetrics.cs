using Prometheus;

namespace Cti.Trunks.Registration;

/// <summary>Prometheus instruments of outbound trunk registration. Labels are bounded: trunk name and outcome.</summary>
internal sealed class TrunkRegistrationMetrics
{
    private readonly Gauge _state;
    private readonly Counter _registrations;

    public TrunkRegistrationMetrics(IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _state = factory.CreateGauge(
            "cti_trunk_registration_state", "Registration with the carrier: 0 unregistered, 1 registered, 2 failed.", ["trunk"]);
        _registrations = factory.CreateCounter(
            "cti_trunk_registrations_total", "REGISTER tries towards carriers, by outcome.", ["trunk", "outcome"]);
    }

    /// <summary>Creates the series of a trunk so dashboards see zeros before the first try.</summary>
    public void Track(string trunk)
    {
        _state.WithLabels(trunk).Set(0);
        foreach (var outcome in TrunkRegistrationOutcomes.All)
        {
            _registrations.WithLabels(trunk, outcome);
        }
    }

    public void SetState(string trunk, string state) => _state.WithLabels(trunk).Set(TrunkRegistrationStates.GaugeValue(state));

    public void Count(string trunk, string outcome) => _registrations.WithLabels(trunk, outcome).Inc();

    internal double StateValue(string trunk) => _state.WithLabels(trunk).Value;

    internal double CountValue(string trunk, string outcome) => _registrations.WithLabels(trunk, outcome).Value;
}
