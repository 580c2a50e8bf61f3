namespace Cti.Routing.Config;

/// <summary>
/// Membership of an agent in a queue. Lower tiers are offered calls first; agents of a higher tier
/// (a higher penalty) only receive calls when no ready agent of a lower tier matches.
/// </summary>
public sealed record QueueMembership(string QueueId, int Tier = 0);
