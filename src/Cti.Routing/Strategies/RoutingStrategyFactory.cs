namespace Cti.Routing.Strategies;

/// <summary>Resolves a strategy by name. Strategies are stateless, so one instance each is shared.</summary>
internal static class RoutingStrategyFactory
{
    private static readonly Dictionary<string, IRoutingStrategy> ByName = new IRoutingStrategy[]
    {
        new RingAllStrategy(),
        new LongestIdleStrategy(),
        new RoundRobinStrategy(),
        new FixedOrderStrategy(),
        new FewestCallsStrategy(),
        new LeastTalkTimeStrategy(),
        new RandomStrategy(),
        new WeightedRandomStrategy(),
        new SkillBestMatchStrategy(),
    }.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public static bool IsKnown(string? name) => name is not null && ByName.ContainsKey(name);

    public static IRoutingStrategy Get(string name) =>
        ByName.TryGetValue(name, out var strategy) ? strategy : throw new ArgumentException($"Unknown routing strategy '{name}'.", nameof(name));
}
