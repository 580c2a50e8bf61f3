using System.Text.Json.Nodes;

namespace Cti.Events;

/// <summary>One page of GET /api/v1/events/history: pass <see cref="Next"/> as <c>since</c> for the next page.</summary>
internal sealed record EventHistoryPage(IReadOnlyList<JsonNode> Events, long Next, bool HasMore);
