namespace Cti.Campaigns;

/// <summary>A dial request waiting for call control, with the number masked.</summary>
internal sealed record PendingDialView(string CallId, string LeadId, string MaskedNumber, string LineGroup, string? AgentId, int Attempt);
