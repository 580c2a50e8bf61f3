using Cti.Routing.Agents;
using Cti.Routing.Config;
using Cti.Routing.Engine;
using Cti.Routing.Strategies;

namespace Cti.Routing.Tests.Engine;

public class AgentLifecycleTests
{
    [Fact]
    public void WrapUp_QueueTime_AgentIdleOnlyWhenTimerEnds()
    {
        var h = new CoreHarness(CoreHarness.SingleQueue(RoutingStrategies.LongestIdle, agents: 1, q => q with { WrapUpTime = TimeSpan.FromSeconds(10) }));
        h.LoginAll("a1");
        h.Arrive("c1");
        h.AnswerAndEnd("c1", TimeSpan.FromSeconds(30));
        h.Arrive("c2");

        Assert.Equal(AgentWorkState.WrapUp, h.Core.Agent("a1").Work);
        Assert.Null(CoreHarness.OfferIn(h.Advance(9.99), "c2"));
        var offer = CoreHarness.OfferIn(h.Advance(0.01), "c2");

        Assert.Equal("a1", offer?.AgentId);
        Assert.Equal(TimeSpan.FromSeconds(10), TimeSpan.FromTicks(h.Core.Agent("a1").WrapTicks));
    }

    [Fact]
    public void WrapUp_AgentOverride_UsesAgentTime()
    {
        var config = CoreHarness.SingleQueue(RoutingStrategies.LongestIdle, agents: 1, q => q with { WrapUpTime = TimeSpan.FromSeconds(10) });
        config = config with { Agents = [config.Agents[0] with { WrapUpTime = TimeSpan.FromSeconds(3) }] };
        var h = new CoreHarness(config);
        h.LoginAll("a1");
        h.Arrive("c1");
        h.AnswerAndEnd("c1", TimeSpan.FromSeconds(30));

        h.Advance(3);

        Assert.Equal(AgentWorkState.Idle, h.Core.Agent("a1").Work);
    }

    [Fact]
    public void WrapUp_EndWrapUpRequest_EndsEarly()
    {
        var h = new CoreHarness(CoreHarness.SingleQueue(RoutingStrategies.LongestIdle, agents: 1, q => q with { WrapUpTime = TimeSpan.FromSeconds(60) }));
        h.LoginAll("a1");
        h.Arrive("c1");
        h.AnswerAndEnd("c1", TimeSpan.FromSeconds(30));
        h.Advance(2);
        h.Arrive("c2");

        var offer = CoreHarness.OfferIn(h.Send(new AgentStateRequest("a1", AgentRequestKind.EndWrapUp)), "c2");

        Assert.Equal("a1", offer?.AgentId);
    }

    [Fact]
    public void NoAnswerPolicy_LimitReached_AgentGoesNotReadyNoAnswer()
    {
        var h = new CoreHarness(CoreHarness.SingleQueue(RoutingStrategies.FixedOrder, agents: 2, q => q with { NoAnswerLimit = 2, RingTimeout = TimeSpan.FromSeconds(15) }));
        h.LoginAll("a1");
        h.Arrive("c1");
        h.Advance(15); // first miss: re-offered to a1 at once (only agent)

        Assert.Equal(AgentAvailability.Ready, h.Core.Agent("a1").Availability);
        var outputs = h.Advance(15);

        var a1 = h.Core.Agent("a1");
        Assert.Equal((AgentAvailability.NotReady, NotReadyReasons.NoAnswer), (a1.Availability, a1.NotReadyReason));
        Assert.Equal(2, outputs.OfType<StopRinging>().Count() + h.All.Take(h.All.Count - outputs.Count).OfType<StopRinging>().Count());
        Assert.Equal(2, a1.CallsUnanswered);
        h.Send(new AgentStateRequest("a2", AgentRequestKind.Login));
        Assert.Equal("a2", CoreHarness.OfferIn(h.All, "c1")?.AgentId);
    }

    [Fact]
    public void NoAnswerPolicy_AnswerBetweenMisses_ResetsCount()
    {
        var h = new CoreHarness(CoreHarness.SingleQueue(RoutingStrategies.FixedOrder, agents: 1, q => q with { NoAnswerLimit = 2 }));
        h.LoginAll("a1");
        h.Arrive("c1");
        h.Send(new OfferRejected("c1", "a1"));
        h.AnswerAndEnd("c1", TimeSpan.FromSeconds(5));
        h.Arrive("c2");
        h.Send(new OfferRejected("c2", "a1"));

        Assert.Equal(AgentAvailability.Ready, h.Core.Agent("a1").Availability);
    }

    public static TheoryData<AgentRequestKind, string?, RejectionReason> IllegalRequests => new()
    {
        { AgentRequestKind.Logout, null, RejectionReason.AgentBusy },
        { AgentRequestKind.Login, null, RejectionReason.AlreadyLoggedIn },
        { AgentRequestKind.NotReady, "nap", RejectionReason.UnknownNotReadyReason },
        { AgentRequestKind.NotReady, null, RejectionReason.UnknownNotReadyReason },
        { AgentRequestKind.Unhold, null, RejectionReason.NotOnHold },
        { AgentRequestKind.EndWrapUp, null, RejectionReason.NotInWrapUp },
    };

    [Theory]
    [MemberData(nameof(IllegalRequests))]
    public void AgentRequest_IllegalWhileOnCall_RejectedWithReasonAndStateKept(AgentRequestKind kind, string? reason, RejectionReason expected)
    {
        var h = new CoreHarness(CoreHarness.SingleQueue(RoutingStrategies.FixedOrder, agents: 1));
        h.LoginAll("a1");
        h.Arrive("c1");
        h.Send(new OfferAnswered("c1", "a1"));

        var rejected = Assert.Single(h.Send(new AgentStateRequest("a1", kind, reason)).OfType<CommandRejected>());

        Assert.Equal(expected, rejected.Reason);
        Assert.Equal((AgentAvailability.Ready, AgentWorkState.OnCallInbound), (h.Core.Agent("a1").Availability, h.Core.Agent("a1").Work));
    }

    [Fact]
    public void AgentRequest_LoggedOut_ReadyAndHoldRejected()
    {
        var h = new CoreHarness(CoreHarness.SingleQueue(RoutingStrategies.FixedOrder, agents: 1));

        Assert.Equal(RejectionReason.NotLoggedIn, h.Send(new AgentStateRequest("a1", AgentRequestKind.Ready)).OfType<CommandRejected>().Single().Reason);
        Assert.Equal(RejectionReason.NotOnCall, h.Send(new AgentStateRequest("a1", AgentRequestKind.Hold)).OfType<CommandRejected>().Single().Reason);
        Assert.Equal(RejectionReason.UnknownAgent, h.Send(new AgentStateRequest("zz", AgentRequestKind.Login)).OfType<CommandRejected>().Single().Reason);
    }

    [Fact]
    public void OfferAnswered_ByAgentNotRinging_Rejected()
    {
        var h = new CoreHarness(CoreHarness.SingleQueue(RoutingStrategies.FixedOrder, agents: 2));
        h.LoginAll("a1", "a2");
        h.Arrive("c1");

        var rejected = h.Send(new OfferAnswered("c1", "a2")).OfType<CommandRejected>().Single();

        Assert.Equal(RejectionReason.NotOffered, rejected.Reason);
        Assert.Equal(AgentWorkState.Reserved, h.Core.Agent("a1").Work);
    }

    [Fact]
    public void NotReady_WithReason_StopsOffersAndAccumulatesTime()
    {
        var h = new CoreHarness(CoreHarness.SingleQueue(RoutingStrategies.FixedOrder, agents: 1));
        h.LoginAll("a1");
        h.Advance(10);
        h.Send(new AgentStateRequest("a1", AgentRequestKind.NotReady, NotReadyReasons.Lunch));

        Assert.Null(CoreHarness.OfferIn(h.Arrive("c1"), "c1"));
        h.Advance(30);
        var snapshot = h.Core.Snapshot(h.Time.GetUtcNow()).Agents[0];

        Assert.Equal(NotReadyReasons.Lunch, snapshot.NotReadyReason);
        Assert.Equal(TimeSpan.FromSeconds(10), snapshot.TimeByAvailability[AgentAvailability.Ready]);
        Assert.Equal(TimeSpan.FromSeconds(30), snapshot.TimeByAvailability[AgentAvailability.NotReady]);
        Assert.Equal("a1", CoreHarness.OfferIn(h.Send(new AgentStateRequest("a1", AgentRequestKind.Ready)), "c1")?.AgentId);
    }

    [Fact]
    public void RingAll_FirstAnswerWins_OthersStopRinging()
    {
        var h = new CoreHarness(CoreHarness.SingleQueue(RoutingStrategies.RingAll, agents: 3));
        h.LoginAll("a1", "a2", "a3");

        Assert.Equal(3, h.Arrive("c1").OfType<OfferCall>().Count());
        var outputs = h.Send(new OfferAnswered("c1", "a2"));

        Assert.Equal(["a1", "a3"], outputs.OfType<StopRinging>().Select(s => s.AgentId).Order());
        Assert.Equal(AgentWorkState.Idle, h.Core.Agent("a1").Work);
        Assert.Equal(AgentWorkState.OnCallInbound, h.Core.Agent("a2").Work);
    }

    [Fact]
    public void Tiers_LowerTierReady_HigherTierNotOffered()
    {
        var config = CoreHarness.SingleQueue(RoutingStrategies.LongestIdle, agents: 0) with
        {
            Agents = [CoreHarness.Agent("backup", tier: 2), CoreHarness.Agent("primary", tier: 0)],
        };
        var h = new CoreHarness(config);
        h.LoginAll("backup");
        h.Advance(60);
        h.LoginAll("primary");

        Assert.Equal("primary", CoreHarness.OfferIn(h.Arrive("c1"), "c1")?.AgentId);
        Assert.Equal("backup", CoreHarness.OfferIn(h.Arrive("c2"), "c2")?.AgentId);
    }

    [Fact]
    public void Outputs_AcrossCommands_HaveStrictlyIncreasingSequence()
    {
        var h = new CoreHarness(CoreHarness.SingleQueue(RoutingStrategies.RoundRobin, agents: 2));
        h.LoginAll("a1", "a2");
        h.Arrive("c1");
        h.AnswerAndEnd("c1", TimeSpan.FromSeconds(3));

        var sequences = h.All.Select(o => o.Sequence).ToArray();
        Assert.True(sequences.Length > 5);
        Assert.Equal(sequences.Order().Distinct(), sequences);
    }
}
