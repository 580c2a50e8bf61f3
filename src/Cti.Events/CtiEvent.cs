using System.Text.Json.Nodes;

namespace Cti.Events;

/// <summary>
/// An event as a publisher hands it over: the writer assigns the sequence number and, when <see cref="At"/> is not
/// set, the time. Ownership of <see cref="Data"/> passes to the writer; do not change it after publishing.
/// </summary>
internal sealed record CtiEvent(string Type, JsonObject? Data = null)
{
    /// <summary>Correlation id of the call the event belongs to.</summary>
    public string? CallId { get; init; }

    public string? AgentId { get; init; }

    public string? Queue { get; init; }

    /// <summary>When it happened; null means "now" by the writer's clock.</summary>
    public DateTimeOffset? At { get; init; }
}
