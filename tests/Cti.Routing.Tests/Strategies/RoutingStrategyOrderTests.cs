using Cti.Routing.Strategies;

namespace Cti.Routing.Tests.Strategies;

public class RoutingStrategyOrderTests
{
    // Key, Order, Proficiency, IdleSince, CallsAnswered, TalkTicks
    private static readonly AgentCandidate[] Candidates =
    [
        new(0, 0, 3, IdleSinceTicks: 500, CallsAnswered: 7, TalkTicks: 900),
        new(1, 1, 9, IdleSinceTicks: 100, CallsAnswered: 9, TalkTicks: 300),
        new(2, 2, 5, IdleSinceTicks: 300, CallsAnswered: 2, TalkTicks: 600),
        new(3, 3, 9, IdleSinceTicks: 400, CallsAnswered: 2, TalkTicks: 100),
    ];

    public static TheoryData<string, int, int[]> Orders => new()
    {
        { RoutingStrategies.LongestIdle, -1, [1, 2, 3, 0] },
        { RoutingStrategies.FixedOrder, -1, [0, 1, 2, 3] },
        { RoutingStrategies.RingAll, -1, [0, 1, 2, 3] },
        { RoutingStrategies.RoundRobin, 1, [2, 3, 0, 1] },
        { RoutingStrategies.RoundRobin, 3, [0, 1, 2, 3] },
        { RoutingStrategies.FewestCalls, -1, [2, 3, 0, 1] },
        { RoutingStrategies.LeastTalkTime, -1, [3, 1, 2, 0] },
        { RoutingStrategies.SkillBestMatch, -1, [1, 3, 2, 0] },
    };

    [Theory]
    [MemberData(nameof(Orders))]
    public void Select_RepeatedOverRemainingCandidates_GivesExpectedOrder(string name, int lastRoundRobin, int[] expected)
    {
        var strategy = RoutingStrategyFactory.Get(name);
        var remaining = Candidates.ToList();
        var order = new List<int>();
        var last = lastRoundRobin;
        while (remaining.Count > 0)
        {
            var index = strategy.Select(remaining.ToArray(), new RoutingStrategyContext(last, new Random(1)));
            order.Add(remaining[index].Key);
            last = remaining[index].Order;
            remaining.RemoveAt(index);
        }

        Assert.Equal(expected, order);
    }

    [Fact]
    public void Random_ManySelections_PicksEveryCandidateRoughlyEqually()
    {
        var strategy = RoutingStrategyFactory.Get(RoutingStrategies.Random);
        var random = new Random(7);
        var counts = new int[Candidates.Length];
        for (var i = 0; i < 40_000; i++)
        {
            counts[strategy.Select(Candidates, new RoutingStrategyContext(-1, random))]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 9_000, 11_000));
    }

    [Fact]
    public void WeightedRandom_ManySelections_FollowsProficiency()
    {
        var strategy = RoutingStrategyFactory.Get(RoutingStrategies.WeightedRandom);
        var random = new Random(7);
        var counts = new int[Candidates.Length];
        const int n = 52_000;
        for (var i = 0; i < n; i++)
        {
            counts[strategy.Select(Candidates, new RoutingStrategyContext(-1, random))]++;
        }

        // Weights 3, 9, 5, 9 of 26.
        var expected = new[] { 3, 9, 5, 9 }.Select(w => n * w / 26.0).ToArray();
        for (var i = 0; i < counts.Length; i++)
        {
            Assert.InRange(counts[i], expected[i] * 0.93, expected[i] * 1.07);
        }
    }

    [Fact]
    public void Factory_EveryName_ResolvesToStrategyWithThatName()
    {
        foreach (var name in RoutingStrategies.All)
        {
            Assert.Equal(name, RoutingStrategyFactory.Get(name).Name);
        }

        Assert.False(RoutingStrategyFactory.IsKnown("nearest"));
        Assert.Throws<ArgumentException>(() => RoutingStrategyFactory.Get("nearest"));
    }
}
