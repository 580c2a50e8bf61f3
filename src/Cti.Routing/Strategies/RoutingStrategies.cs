namespace Cti.Routing.Strategies;

/// <summary>Names of the built-in routing strategies, as used in <c>QueueConfig.Strategy</c>.</summary>
public static class RoutingStrategies
{
    public const string RingAll = "ring-all";
    public const string LongestIdle = "longest-idle";
    public const string RoundRobin = "round-robin";
    public const string FixedOrder = "fixed-order";
    public const string FewestCalls = "fewest-calls";
    public const string LeastTalkTime = "least-talk-time";
    public const string Random = "random";
    public const string WeightedRandom = "weighted-random";
    public const string SkillBestMatch = "skill-best-match";

    public static IReadOnlyList<string> All { get; } =
        [RingAll, LongestIdle, RoundRobin, FixedOrder, FewestCalls, LeastTalkTime, Random, WeightedRandom, SkillBestMatch];
}
