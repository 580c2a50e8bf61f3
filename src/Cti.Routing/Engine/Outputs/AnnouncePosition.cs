namespace Cti.Routing.Engine;

/// <summary>Tell the caller their position (1 = next) and estimated wait.</summary>
public sealed record AnnouncePosition(string CallId, string QueueId, int Position, TimeSpan EstimatedWait) : AcdDecision;
