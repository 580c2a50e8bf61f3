using Cti.Sip.Transport;

namespace Cti.Trunks.Registration;

/// <summary>The outcome of one REGISTER try (including its challenge and 423 rounds).</summary>
internal readonly record struct TrunkRegistrationResult(string Outcome, int? StatusCode, TimeSpan Granted, SipEndPoint? Peer)
{
    public bool IsSuccess => Outcome is TrunkRegistrationOutcomes.Registered or TrunkRegistrationOutcomes.Unregistered;

    /// <summary>Worth retrying soon, at the next peer: no answer, our transport failed, or the carrier is overloaded.</summary>
    public bool IsTransient => Outcome is TrunkRegistrationOutcomes.Timeout or TrunkRegistrationOutcomes.TransportError;
}
