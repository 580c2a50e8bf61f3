using Cti.Routing.Engine;
using Cti.Routing.Persistence;
using Cti.Routing.Strategies;

namespace Cti.Routing.Tests.Strategies;

public class RoundRobinTests
{
    [Fact]
    public void Process_TenThousandCalls_SpreadsEvenlyAcrossAgents()
    {
        var h = new CoreHarness(CoreHarness.SingleQueue(RoutingStrategies.RoundRobin, agents: 7));
        h.LoginAll("a1", "a2", "a3", "a4", "a5", "a6", "a7");
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < 10_000; i++)
        {
            var id = $"c{i}";
            var offer = CoreHarness.OfferIn(h.Arrive(id), id)!;
            counts[offer.AgentId] = counts.GetValueOrDefault(offer.AgentId) + 1;
            h.Send(new OfferAnswered(id, offer.AgentId));
            h.Advance(1);
            h.Send(new CallEnded(id));
            h.All.Clear();
        }

        Assert.Equal(7, counts.Count);
        Assert.True(counts.Values.Max() - counts.Values.Min() <= 1, string.Join(",", counts.Values));
    }

    [Fact]
    public void Process_AllAgentsFree_RotatesInMemberOrder()
    {
        var h = new CoreHarness(CoreHarness.SingleQueue(RoutingStrategies.RoundRobin, agents: 3));
        h.LoginAll("a1", "a2", "a3");
        var agents = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var id = $"c{i}";
            var offer = CoreHarness.OfferIn(h.Arrive(id), id)!;
            agents.Add(offer.AgentId);
            h.Send(new OfferAnswered(id, offer.AgentId));
            h.Send(new CallEnded(id));
        }

        Assert.Equal(["a1", "a2", "a3", "a1", "a2", "a3"], agents);
    }

    [Fact]
    public void Restart_NewCoreOverSameStore_ContinuesRotation()
    {
        var store = new InMemoryRoutingStateStore();
        var config = CoreHarness.SingleQueue(RoutingStrategies.RoundRobin, agents: 4);
        var first = new CoreHarness(config, store);
        first.LoginAll("a1", "a2", "a3", "a4");
        for (var i = 0; i < 2; i++)
        {
            first.Arrive($"c{i}");
            first.AnswerAndEnd($"c{i}", TimeSpan.FromSeconds(5));
        }

        var second = new CoreHarness(config, store);
        second.LoginAll("a1", "a2", "a3", "a4");
        var offer = CoreHarness.OfferIn(second.Arrive("after-restart"), "after-restart");

        Assert.Equal("a3", offer?.AgentId);
        Assert.Equal(1, second.Core.Agent("a1").CallsAnswered);
        Assert.Equal(TimeSpan.FromSeconds(5), TimeSpan.FromTicks(second.Core.Agent("a2").TalkTicks));
    }
}
