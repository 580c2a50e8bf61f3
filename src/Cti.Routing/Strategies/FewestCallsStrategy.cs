namespace Cti.Routing.Strategies;

/// <summary>The agent who answered the fewest calls; ties go to the longest idle.</summary>
internal sealed class FewestCallsStrategy : IRoutingStrategy
{
    public string Name => RoutingStrategies.FewestCalls;

    public int Select(ReadOnlySpan<AgentCandidate> candidates, in RoutingStrategyContext context)
    {
        var best = 0;
        for (var i = 1; i < candidates.Length; i++)
        {
            var c = candidates[i];
            var b = candidates[best];
            if (c.CallsAnswered < b.CallsAnswered
                || (c.CallsAnswered == b.CallsAnswered && (c.IdleSinceTicks < b.IdleSinceTicks
                    || (c.IdleSinceTicks == b.IdleSinceTicks && c.Order < b.Order))))
            {
                best = i;
            }
        }

        return best;
    }
}
