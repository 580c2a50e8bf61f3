namespace Cti.Trunks.Registration;

/// <summary>Values of a trunk's registration <c>state</c> in the API and of <c>cti_trunk_registration_state</c>.</summary>
internal static class TrunkRegistrationStates
{
    /// <summary>Not registered: before the first attempt and after the binding was removed at shutdown. Gauge 0.</summary>
    public const string Unregistered = "unregistered";

    /// <summary>The carrier accepted the binding and it has not expired. Gauge 1.</summary>
    public const string Registered = "registered";

    /// <summary>The last round of attempts failed; the service keeps trying. Gauge 2.</summary>
    public const string Failed = "failed";

    public static int GaugeValue(string state) => state switch
    {
        Registered => 1,
        Failed => 2,
        _ => 0,
    };
}
