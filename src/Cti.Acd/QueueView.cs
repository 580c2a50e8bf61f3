namespace Cti.Acd;

/// <summary>A queue's configuration (same shape as the PUT body) and its live figures.</summary>
internal sealed record QueueView(string Id, RoutingQueueOptions Config, QueueStatsView? Stats);
