using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Cti.Gateways.Lines;

internal sealed class GatewayLineRegistry : IGatewayLineRegistry
{
    private readonly Dictionary<string, IGatewayLine> _byName;
    private readonly Dictionary<string, IGatewayLine[]> _byGroup;
    private readonly ConcurrentDictionary<string, StrongBox<int>> _cursors = new(StringComparer.OrdinalIgnoreCase);

    public GatewayLineRegistry(IEnumerable<IGatewayLine> lines)
    {
        Lines = [.. lines];
        _byName = Lines.ToDictionary(l => l.Name, StringComparer.OrdinalIgnoreCase);
        _byGroup = Lines.GroupBy(l => l.Group, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
        Groups = [.. _byGroup.Keys.Order(StringComparer.OrdinalIgnoreCase)];
    }

    public IReadOnlyList<IGatewayLine> Lines { get; }

    public IReadOnlyList<string> Groups { get; }

    public IGatewayLine? Find(string name) => _byName.GetValueOrDefault(name);

    public IReadOnlyList<IGatewayLine> InGroup(string group) => _byGroup.TryGetValue(group, out var lines) ? lines : [];

    public IGatewayLine? PickFreeLine(string group)
    {
        if (!_byGroup.TryGetValue(group, out var lines) || lines.Length == 0)
        {
            return null;
        }

        // Round-robin spreads attempts over SIMs; the cursor only advances, so concurrent pickers start at different lines.
        var cursor = _cursors.GetOrAdd(group, _ => new StrongBox<int>(-1));
        var start = Interlocked.Increment(ref cursor.Value);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[(int)((uint)(start + i) % (uint)lines.Length)];
            if (line.IsAvailable)
            {
                return line;
            }
        }

        return null;
    }
}
