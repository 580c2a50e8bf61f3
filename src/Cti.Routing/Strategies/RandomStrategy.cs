namespace Cti.Routing.Strategies;

/// <summary>A uniformly random eligible agent.</summary>
internal sealed class RandomStrategy : IRoutingStrategy
{
    public string Name => RoutingStrategies.Random;

#pragma warning disable CA5394 // Load spreading, not security: a seeded PRNG keeps tests reproducible.
    public int Select(ReadOnlySpan<AgentCandidate> candidates, in RoutingStrategyContext context) =>
        context.Random.Next(candidates.Length);
#pragma warning restore CA5394
}
