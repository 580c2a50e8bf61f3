using System.Collections.Concurrent;
using Cti.Trunks.Registration;

namespace Cti.Trunks;

/// <summary>Live keepalive status of every trunk; written by <see cref="TrunkKeepAlive"/>, read by the API.</summary>
internal sealed class TrunkState
{
    private readonly ConcurrentDictionary<string, TrunkStatus> _status = new(StringComparer.OrdinalIgnoreCase);

    public TrunkStatus Get(string trunk) => _status.TryGetValue(trunk, out var status) ? status : TrunkStatus.Unknown;

    public void Set(string trunk, TrunkStatus status) => _status[trunk] = status;

    private readonly ConcurrentDictionary<string, TrunkRegistrationStatus> _registration = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Outbound registration state, written by <see cref="TrunkRegistrationService"/>.</summary>
    public TrunkRegistrationStatus GetRegistration(string trunk) =>
        _registration.TryGetValue(trunk, out var status) ? status : TrunkRegistrationStatus.Initial;

    public void SetRegistration(string trunk, TrunkRegistrationStatus status) => _registration[trunk] = status;
}
