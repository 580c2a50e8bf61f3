namespace Cti.Routing.Strategies;

/// <summary>Rings every eligible agent; the first to answer takes the call.</summary>
internal sealed class RingAllStrategy : IRoutingStrategy
{
    public string Name => RoutingStrategies.RingAll;

    public bool OffersToAll => true;

    // Used only when a single agent must be picked (e.g. ordering in tests): configuration order.
    public int Select(ReadOnlySpan<AgentCandidate> candidates, in RoutingStrategyContext context) =>
        FixedOrderStrategy.LowestOrder(candidates);
}
