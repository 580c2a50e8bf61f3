using Cti.Routing.Agents;
using Cti.Routing.Engine;
using Cti.Routing.Strategies;

namespace Cti.Routing.Tests.Engine;

public class WatchdogAndBlendingTests
{
    private static CoreHarness Create() => new(CoreHarness.SingleQueue(RoutingStrategies.LongestIdle, agents: 3, config: c => c with
    {
        Agents = c.Agents.Select(a => a with { Campaigns = ["renewals"] }).ToArray(),
        WatchdogInterval = TimeSpan.FromSeconds(30),
        OutboundReservationTimeout = TimeSpan.FromSeconds(45),
    }));

    [Fact]
    public void AgentsFreeForOutbound_InboundCallWaitingOrBusy_ExcludesBusyAgents()
    {
        var h = Create();
        h.LoginAll("a1", "a2", "a3");
        Assert.Equal(3, h.Core.AgentsFreeForOutbound);

        h.Arrive("in1");

        Assert.Equal(2, h.Core.AgentsFreeForOutbound);
        Assert.Equal(2, h.Core.CountFreeForOutbound("renewals"));
        Assert.Equal(0, h.Core.CountFreeForOutbound("other"));
    }

    [Fact]
    public void ReserveForOutbound_ReadyIdleAgent_ReservedThenConnectedThenWrapUp()
    {
        var h = Create();
        h.LoginAll("a1");

        Assert.Single(h.Send(new ReserveAgentForOutbound("a1", "out1", "renewals")).OfType<AgentReservedForOutbound>());
        Assert.Equal(AgentWorkState.Reserved, h.Core.Agent("a1").Work);
        Assert.Null(CoreHarness.OfferIn(h.Arrive("in1"), "in1"));
        h.Send(new OutboundCallConnected("out1"));
        Assert.Equal(AgentWorkState.OnCallOutbound, h.Core.Agent("a1").Work);
        h.Advance(40);

        var offer = CoreHarness.OfferIn(h.Send(new CallEnded("out1")), "in1");

        Assert.Equal("a1", offer?.AgentId);
        Assert.Equal(TimeSpan.FromSeconds(40), TimeSpan.FromTicks(h.Core.Agent("a1").TalkTicks));
    }

    [Fact]
    public void ReserveForOutbound_AgentBusyOrNotInCampaign_Rejected()
    {
        var h = Create();
        h.LoginAll("a1");
        h.Arrive("in1");

        Assert.Equal(RejectionReason.NotAvailableForOutbound, h.Send(new ReserveAgentForOutbound("a1", "out1")).OfType<CommandRejected>().Single().Reason);
        Assert.Equal(RejectionReason.NotAvailableForOutbound, h.Send(new ReserveAgentForOutbound("a2", "out2")).OfType<CommandRejected>().Single().Reason);
        h.Send(new AgentStateRequest("a3", AgentRequestKind.Login));
        Assert.Equal(RejectionReason.NotInCampaign, h.Send(new ReserveAgentForOutbound("a3", "out3", "sales")).OfType<CommandRejected>().Single().Reason);
    }

    [Fact]
    public void Watchdog_OutboundReservationNeverConnected_FreesAgent()
    {
        var h = Create();
        h.LoginAll("a1");
        h.Send(new ReserveAgentForOutbound("a1", "out1"));

        h.Advance(30);
        Assert.Equal(AgentWorkState.Reserved, h.Core.Agent("a1").Work);
        var outputs = h.Advance(30);

        var freed = Assert.Single(outputs.OfType<WatchdogFreedAgent>());
        Assert.Equal(("a1", "out1"), (freed.AgentId, freed.CallId));
        Assert.Equal(AgentWorkState.Idle, h.Core.Agent("a1").Work);
        Assert.Equal(1, h.Core.Snapshot(h.Time.GetUtcNow()).WatchdogFreedAgents);
    }

    [Fact]
    public void LiveCallsReport_ConnectedCallMissing_FreesAgentAndCounts()
    {
        var h = Create();
        h.LoginAll("a1", "a2");
        h.Arrive("c1");
        h.Arrive("c2");
        h.Send(new OfferAnswered("c1", "a1"));
        h.Send(new OfferAnswered("c2", "a2"));

        var outputs = h.Send(new LiveCallsReport(["c2"]));

        Assert.Equal("a1", Assert.Single(outputs.OfType<WatchdogFreedAgent>()).AgentId);
        Assert.Equal(AgentWorkState.Idle, h.Core.Agent("a1").Work);
        Assert.Equal(AgentWorkState.OnCallInbound, h.Core.Agent("a2").Work);
        Assert.Equal(1, h.Core.WatchdogFreedAgents);
    }
}
