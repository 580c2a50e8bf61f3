namespace Cti.Trunks;

/// <summary>A trunk's last keepalive outcome: Up when any peer answered, Unknown before the first round.</summary>
internal readonly record struct TrunkStatus(bool? Up, DateTimeOffset? CheckedAt, int? LastStatusCode)
{
    public static TrunkStatus Unknown => default;
}
