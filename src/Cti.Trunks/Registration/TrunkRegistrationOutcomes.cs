namespace Cti.Trunks.Registration;

/// <summary>Values of the <c>outcome</c> label of <c>cti_trunk_registrations_total</c>: one per REGISTER try.</summary>
internal static class TrunkRegistrationOutcomes
{
    public const string Registered = "registered";
    public const string Unregistered = "unregistered";

    /// <summary>The carrier refused our credentials (or offered only a digest variant we cannot answer).</summary>
    public const string AuthFailed = "auth_failed";

    /// <summary>A 4xx/6xx final response other than an authentication failure.</summary>
    public const string Rejected = "rejected";

    /// <summary>No final response in time (the transaction's 408) or the carrier's 408/5xx.</summary>
    public const string Timeout = "timeout";

    /// <summary>The request could not be sent (503 from our transport, no listener for the transport).</summary>
    public const string TransportError = "transport_error";

    /// <summary>The circuit breaker is open: nothing was sent.</summary>
    public const string CircuitOpen = "circuit_open";

    public static readonly IReadOnlyList<string> All = [Registered, Unregistered, AuthFailed, Rejected, Timeout, TransportError, CircuitOpen];
}
