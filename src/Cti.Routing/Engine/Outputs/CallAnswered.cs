namespace Cti.Routing.Engine;

public sealed record CallAnswered(string CallId, string QueueId, string AgentId, TimeSpan Wait) : AcdEvent;
