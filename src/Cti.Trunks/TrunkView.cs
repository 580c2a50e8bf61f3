using Cti.Trunks.Registration;

namespace Cti.Trunks;

/// <summary>One trunk in GET /api/v1/trunks. Status is "up", "down" or "unknown" (before the first keepalive).</summary>
internal sealed record TrunkView(
    string Name,
    string Profile,
    IReadOnlyList<string> Peers,
    string Transport,
    IReadOnlyList<string> AllowFrom,
    IReadOnlyDictionary<string, string> Dids,
    string DefaultRegion,
    double OptionsIntervalSeconds,
    bool RegistrationConfigured,
    string Status,
    DateTimeOffset? CheckedAt,
    int? LastStatusCode,
    TrunkRegistrationView? Registration = null);
