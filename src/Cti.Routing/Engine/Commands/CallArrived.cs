namespace Cti.Routing.Engine;

/// <summary>An inbound call asks to join a queue. <paramref name="CallerNumber"/> drives VIP and last-agent routing.</summary>
public sealed record CallArrived(string CallId, string QueueId, string? CallerNumber = null, int Priority = 0) : AcdCommand;
