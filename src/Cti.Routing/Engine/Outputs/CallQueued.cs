namespace Cti.Routing.Engine;

public sealed record CallQueued(string CallId, string QueueId, int Priority) : AcdEvent;
