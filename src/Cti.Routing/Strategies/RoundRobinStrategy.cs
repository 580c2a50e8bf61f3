namespace Cti.Routing.Strategies;

/// <summary>
/// The next member after the one that received the previous offer, wrapping around. The position is
/// a member order, persisted by the core, so a restart continues the rotation.
/// </summary>
internal sealed class RoundRobinStrategy : IRoutingStrategy
{
    public string Name => RoutingStrategies.RoundRobin;

    public int Select(ReadOnlySpan<AgentCandidate> candidates, in RoutingStrategyContext context)
    {
        var last = context.RoundRobinLastOrder;
        int next = -1, lowest = 0;
        for (var i = 0; i < candidates.Length; i++)
        {
            var order = candidates[i].Order;
            if (order < candidates[lowest].Order)
            {
                lowest = i;
            }

            if (order > last && (next < 0 || order < candidates[next].Order))
            {
                next = i;
            }
        }

        return next >= 0 ? next : lowest;
    }
}
