using System.Net;
using Cti.Sip.Transport;

namespace Cti.Trunks.Registration;

/// <summary>The validated, immutable registration settings of one trunk. ToString never shows the password.</summary>
internal sealed record TrunkRegistrationConfig(
    string Trunk,
    string Profile,
    IReadOnlyList<SipEndPoint> Peers,
    string User,
    string Password,
    string? Domain,
    int Expires,
    int RetryAttempts,
    TimeSpan RetryDelay,
    TimeSpan RetryMaxDelay,
    int BreakAfterFailures,
    TimeSpan BreakDuration)
{
    /// <summary>Maps validated options; call only after <see cref="TrunksOptionsValidator"/> passed.</summary>
    public static TrunkRegistrationConfig From(TrunkOptions trunk)
    {
        ArgumentNullException.ThrowIfNull(trunk);
        var registration = trunk.Registration ?? throw new ArgumentException($"Trunk {trunk.Name} has no Registration section.", nameof(trunk));
        var transport = trunk.Transport == TrunkTransportNames.Tcp ? SipTransportProtocol.Tcp : SipTransportProtocol.Udp;
        return new TrunkRegistrationConfig(
            trunk.Name,
            trunk.Profile,
            trunk.Peers.Select(p => new SipEndPoint(transport, IPEndPoint.Parse(p))).ToArray(),
            registration.User,
            registration.Password,
            string.IsNullOrWhiteSpace(registration.Domain) ? null : registration.Domain.Trim(),
            registration.Expires,
            registration.RetryAttempts,
            registration.RetryDelay,
            registration.RetryMaxDelay,
            registration.BreakAfterFailures,
            registration.BreakDuration);
    }

    public override string ToString() => $"TrunkRegistrationConfig {{ Trunk = {Trunk}, User = {User}, Domain = {Domain}, Expires = {Expires} }}";
}
