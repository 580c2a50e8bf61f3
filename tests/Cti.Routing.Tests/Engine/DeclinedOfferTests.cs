using Cti.Routing.Engine;
using Cti.Routing.Strategies;

namespace Cti.Routing.Tests.Engine;

public sealed class DeclinedOfferTests
{
    [Theory]
    [InlineData(RoutingStrategies.FixedOrder)]
    [InlineData(RoutingStrategies.RoundRobin)]
    [InlineData(RoutingStrategies.FewestCalls)]
    public void OfferRejected_CallGoesToAnotherAgentBeforeTheSameOneAgain(string strategy)
    {
        var h = new CoreHarness(CoreHarness.SingleQueue(strategy, agents: 3));
        h.LoginAll("a1", "a2", "a3");
        var first = CoreHarness.OfferIn(h.Arrive("c1"), "c1")!;

        var second = CoreHarness.OfferIn(h.Send(new OfferRejected("c1", first.AgentId)), "c1")!;
        var third = CoreHarness.OfferIn(h.Send(new OfferTimedOut("c1", second.AgentId)), "c1")!;

        Assert.Equal(3, new[] { first.AgentId, second.AgentId, third.AgentId }.Distinct().Count());
    }

    [Fact]
    public void OfferRejected_ByEveryAgent_StartsAnotherRound()
    {
        var h = new CoreHarness(CoreHarness.SingleQueue(RoutingStrategies.FixedOrder, agents: 2, q => q with { NoAnswerLimit = 0 }));
        h.LoginAll("a1", "a2");
        CoreHarness.OfferIn(h.Arrive("c1"), "c1");
        h.Send(new OfferRejected("c1", "a1"));

        var again = CoreHarness.OfferIn(h.Send(new OfferRejected("c1", "a2")), "c1");

        Assert.Equal("a1", again?.AgentId);
    }

    [Fact]
    public void ReserveAgentForOutbound_Direct_NeedsNoCampaign()
    {
        var h = new CoreHarness(CoreHarness.SingleQueue(RoutingStrategies.FixedOrder, agents: 1));
        h.LoginAll("a1");

        var refused = h.Send(new ReserveAgentForOutbound("a1", "t1"));
        var reserved = h.Send(new ReserveAgentForOutbound("a1", "t2", Direct: true));

        Assert.Contains(refused, o => o is CommandRejected { Reason: Cti.Routing.Agents.RejectionReason.NotInCampaign });
        Assert.Contains(reserved, o => o is AgentReservedForOutbound { AgentId: "a1", CallId: "t2" });
    }
}
