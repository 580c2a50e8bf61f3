using Cti.Routing.Engine;
using Cti.Routing.Strategies;

namespace Cti.Routing.Tests.Engine;

public class LastAgentRoutingTests
{
    private static CoreHarness Create() => new(CoreHarness.SingleQueue(RoutingStrategies.RoundRobin, agents: 3, config: c => c with
    {
        LastAgentWindow = TimeSpan.FromMinutes(30),
        LastAgentHold = TimeSpan.FromSeconds(15),
    }));

    private static void FirstCallTo(CoreHarness h, string expectedAgent)
    {
        h.LoginAll("a1", "a2", "a3");
        h.Arrive("first", caller: "+4930123456");
        Assert.Equal(expectedAgent, h.AnswerAndEnd("first", TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public void Arrival_WithinWindow_OffersToLastAgentFirst()
    {
        var h = Create();
        FirstCallTo(h, "a1");

        // Round-robin would pick a2 next; the returning caller goes to a1.
        Assert.Equal("a1", CoreHarness.OfferIn(h.Arrive("again", caller: "+4930123456"), "again")?.AgentId);
        Assert.Equal("a2", CoreHarness.OfferIn(h.Arrive("other", caller: "+4930999999"), "other")?.AgentId);
    }

    [Fact]
    public void Arrival_LastAgentUnavailable_WaitsForHoldThenGoesToQueue()
    {
        var h = Create();
        FirstCallTo(h, "a1");
        h.Send(new AgentStateRequest("a1", Agents.AgentRequestKind.NotReady, "break"));

        Assert.Null(CoreHarness.OfferIn(h.Arrive("again", caller: "+4930123456"), "again"));
        Assert.Null(CoreHarness.OfferIn(h.Advance(14.9), "again"));
        Assert.Equal("a2", CoreHarness.OfferIn(h.Advance(0.1), "again")?.AgentId);
    }

    [Fact]
    public void Arrival_AfterWindow_UsesQueueStrategy()
    {
        var h = Create();
        FirstCallTo(h, "a1");
        h.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal("a2", CoreHarness.OfferIn(h.Arrive("again", caller: "+4930123456"), "again")?.AgentId);
    }

    [Fact]
    public void HeldCall_LastAgentBecomesReady_GetsCallBeforeHoldEnds()
    {
        var h = Create();
        FirstCallTo(h, "a1");
        h.Send(new AgentStateRequest("a1", Agents.AgentRequestKind.NotReady, "break"));
        h.Arrive("again", caller: "+4930123456");
        h.Advance(5);

        var offer = CoreHarness.OfferIn(h.Send(new AgentStateRequest("a1", Agents.AgentRequestKind.Ready)), "again");

        Assert.Equal("a1", offer?.AgentId);
    }
}
