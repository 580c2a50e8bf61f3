using System.Collections.Concurrent;

namespace Cti.Host.Trunks;

/// <summary>Live keepalive status of every trunk; written by <see cref="TrunkKeepAlive"/>, read by the API.</summary>
internal sealed class TrunkState
{
    private readonly ConcurrentDictionary<string, TrunkStatus> _status = new(StringComparer.OrdinalIgnoreCase);

    public TrunkStatus Get(string trunk) => _status.TryGetValue(trunk, out var status) ? status : TrunkStatus.Unknown;

    public void Set(string trunk, TrunkStatus status) => _status[trunk] = status;
}
