namespace Cti.Routing.Config;

/// <summary>The destination of an overflowing call: voicemail, a callback request or another queue.</summary>
public sealed record OverflowTarget(OverflowKind Kind, string? QueueId = null)
{
    public static OverflowTarget Voicemail { get; } = new(OverflowKind.Voicemail);

    public static OverflowTarget Callback { get; } = new(OverflowKind.Callback);

    public static OverflowTarget ToQueue(string queueId) => new(OverflowKind.Queue, queueId);

    public override string ToString() => Kind == OverflowKind.Queue ? $"queue:{QueueId}" : Kind.ToString().ToLowerInvariant();
}
