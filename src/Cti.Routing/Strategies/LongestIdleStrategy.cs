namespace Cti.Routing.Strategies;

/// <summary>The agent idle for the longest time; ties go to configuration order.</summary>
internal sealed class LongestIdleStrategy : IRoutingStrategy
{
    public string Name => RoutingStrategies.LongestIdle;

    public int Select(ReadOnlySpan<AgentCandidate> candidates, in RoutingStrategyContext context) => Pick(candidates);

    public static int Pick(ReadOnlySpan<AgentCandidate> candidates)
    {
        var best = 0;
        for (var i = 1; i < candidates.Length; i++)
        {
            var c = candidates[i];
            var b = candidates[best];
            if (c.IdleSinceTicks < b.IdleSinceTicks || (c.IdleSinceTicks == b.IdleSinceTicks && c.Order < b.Order))
            {
                best = i;
            }
        }

        return best;
    }
}
