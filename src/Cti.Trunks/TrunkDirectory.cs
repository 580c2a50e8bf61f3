using System.Net;

namespace Cti.Trunks;

/// <summary>Which trunk a request belongs to, from the SIP profile it arrived on and its source address.</summary>
internal sealed class TrunkDirectory
{
    private readonly Dictionary<string, TrunkConfig[]> _byProfile;

    public TrunkDirectory(IEnumerable<TrunkConfig> trunks)
    {
        ArgumentNullException.ThrowIfNull(trunks);
        Trunks = trunks.ToArray();
        _byProfile = Trunks
            .GroupBy(t => t.Profile, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<TrunkConfig> Trunks { get; }

    public IEnumerable<string> Profiles => _byProfile.Keys;

    public bool IsTrunkProfile(string profile) => _byProfile.ContainsKey(profile);

    /// <summary>The first trunk on the profile whose AllowFrom contains the source, in configuration order; null when none.</summary>
    public TrunkConfig? Find(string profile, IPAddress source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return _byProfile.TryGetValue(profile, out var trunks) ? Array.Find(trunks, t => t.Allows(source)) : null;
    }
}
