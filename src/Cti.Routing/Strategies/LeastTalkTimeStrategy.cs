namespace Cti.Routing.Strategies;

/// <summary>The agent with the least accumulated talk time; ties go to the longest idle.</summary>
internal sealed class LeastTalkTimeStrategy : IRoutingStrategy
{
    public string Name => RoutingStrategies.LeastTalkTime;

    public int Select(ReadOnlySpan<AgentCandidate> candidates, in RoutingStrategyContext context)
    {
        var best = 0;
        for (var i = 1; i < candidates.Length; i++)
        {
            var c = candidates[i];
            var b = candidates[best];
            if (c.TalkTicks < b.TalkTicks
                || (c.TalkTicks == b.TalkTicks && (c.IdleSinceTicks < b.IdleSinceTicks
                    || (c.IdleSinceTicks == b.IdleSinceTicks && c.Order < b.Order))))
            {
                best = i;
            }
        }

        return best;
    }
}
