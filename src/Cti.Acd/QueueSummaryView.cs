namespace Cti.Acd;

/// <summary>One line of GET /api/v1/queues.</summary>
internal sealed record QueueSummaryView(string Id, string Name, string Strategy, int Priority, int Waiting, double LongestWaitSeconds, int AgentsLoggedIn, int AgentsReady);
