namespace Cti.Calls;

/// <summary>One lead waiting for its agent in preview mode (<c>GET /api/v1/previews</c>).</summary>
internal sealed record PreviewView(string CallId, string CampaignId, string LeadId, string Number, string? AgentId, int Attempt, DateTimeOffset Since);
