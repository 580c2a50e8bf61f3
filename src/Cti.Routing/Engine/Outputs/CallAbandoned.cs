namespace Cti.Routing.Engine;

public sealed record CallAbandoned(string CallId, string QueueId, TimeSpan Wait, bool IsShortAbandon) : AcdEvent;
