namespace Cti.Routing.Strategies;

/// <summary>Always the first eligible member in configuration order (a hunt group).</summary>
internal sealed class FixedOrderStrategy : IRoutingStrategy
{
    public string Name => RoutingStrategies.FixedOrder;

    public int Select(ReadOnlySpan<AgentCandidate> candidates, in RoutingStrategyContext context) => LowestOrder(candidates);

    public static int LowestOrder(ReadOnlySpan<AgentCandidate> candidates)
    {
        var best = 0;
        for (var i = 1; i < candidates.Length; i++)
        {
            if (candidates[i].Order < candidates[best].Order)
            {
                best = i;
            }
        }

        return best;
    }
}
