namespace Cti.Webhooks;

/// <summary>Body of POST /api/v1/webhooks. Without a secret one is generated and returned once.</summary>
internal sealed record WebhookCreateRequest(string? Id, string? Url, string? Secret, IReadOnlyList<string>? Types, int? BatchSize);
