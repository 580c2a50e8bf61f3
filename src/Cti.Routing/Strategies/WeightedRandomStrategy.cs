namespace Cti.Routing.Strategies;

/// <summary>A random eligible agent, with probability proportional to proficiency.</summary>
internal sealed class WeightedRandomStrategy : IRoutingStrategy
{
    public string Name => RoutingStrategies.WeightedRandom;

    public int Select(ReadOnlySpan<AgentCandidate> candidates, in RoutingStrategyContext context)
    {
        long total = 0;
        foreach (var c in candidates)
        {
            total += Math.Max(1, c.Proficiency);
        }

#pragma warning disable CA5394 // Load spreading, not security: a seeded PRNG keeps tests reproducible.
        var roll = context.Random.NextInt64(total);
#pragma warning restore CA5394
        for (var i = 0; i < candidates.Length; i++)
        {
            roll -= Math.Max(1, candidates[i].Proficiency);
            if (roll < 0)
            {
                return i;
            }
        }

        return candidates.Length - 1;
    }
}
