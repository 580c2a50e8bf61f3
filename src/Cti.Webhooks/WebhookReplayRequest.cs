namespace Cti.Webhooks;

/// <summary>Body of POST /api/v1/webhooks/{id}/replay: deliver again from this sequence number (inclusive).</summary>
internal sealed record WebhookReplayRequest(long? FromSequence);
