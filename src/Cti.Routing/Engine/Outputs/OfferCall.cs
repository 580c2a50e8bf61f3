namespace Cti.Routing.Engine;

/// <summary>Ring the agent with this call. Answer with OfferAnswered, OfferRejected or OfferTimedOut.</summary>
public sealed record OfferCall(string CallId, string AgentId, string QueueId, TimeSpan RingTimeout) : AcdDecision;
