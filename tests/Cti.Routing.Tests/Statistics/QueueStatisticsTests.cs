using Cti.Routing.Agents;
using Cti.Routing.Engine;
using Cti.Routing.Strategies;

namespace Cti.Routing.Tests.Statistics;

public class QueueStatisticsTests
{
    /// <summary>
    /// Hand-computed scenario (threshold 20 s, short abandon 5 s, wrap-up 10 s, one agent):
    /// c1 answered after 10 s, 70 s connected of which 20 s on hold, wrap 10 s → within SL, handle 50 + 20 + 10 = 80 s
    /// c2 answered after 80 s (waited behind c1), talk 40 s, wrap 10 s → outside SL, handle 50 s
    /// c3 abandoned after 3 s → short abandon; c4 abandoned after 40 s → abandon.
    /// SL = 1 / (2 + 1) = 0.333; SL of offered = 1 / 4 = 0.25; ASA = (10 + 80) / 2 = 45 s; AHT = (80 + 50) / 2 = 65 s.
    /// </summary>
    [Fact]
    public void Snapshot_HandComputedScenario_MatchesFormulas()
    {
        var h = new CoreHarness(CoreHarness.SingleQueue(RoutingStrategies.LongestIdle, agents: 1, q => q with
        {
            WrapUpTime = TimeSpan.FromSeconds(10),
            ServiceLevelThreshold = TimeSpan.FromSeconds(20),
            ShortAbandonThreshold = TimeSpan.FromSeconds(5),
        }));
        h.Send(new AgentStateRequest("a1", AgentRequestKind.Login, "break"));
        h.Arrive("c1");                                  // t=0
        h.Advance(10);
        h.Send(new AgentStateRequest("a1", AgentRequestKind.Ready));
        h.Send(new OfferAnswered("c1", "a1"));           // t=10, wait 10
        h.Arrive("c2");                                  // t=10
        h.Advance(30);
        h.Send(new AgentStateRequest("a1", AgentRequestKind.Hold));
        h.Advance(20);
        h.Send(new AgentStateRequest("a1", AgentRequestKind.Unhold));
        h.Advance(20);                                   // t=80: 70 s connected, 20 s of it on hold
        h.Send(new CallEnded("c1"));
        h.Arrive("c3");                                  // t=80
        h.Advance(3);
        h.Send(new CallerHungUp("c3"));                  // short abandon
        h.Advance(7);                                    // t=90: wrap ends, c2 offered after waiting 80
        h.Send(new OfferAnswered("c2", "a1"));
        h.Arrive("c4");                                  // t=90
        h.Advance(40);                                   // t=130
        h.Send(new CallerHungUp("c4"));                  // abandon after 40 s
        h.Send(new CallEnded("c2"));                     // talk 40
        h.Advance(10);                                   // wrap 10

        var q = h.Core.Snapshot(h.Time.GetUtcNow()).Queues[0];

        Assert.Equal((4L, 2L, 1L, 1L, 1L), (q.Offered, q.Answered, q.AnsweredWithinThreshold, q.Abandoned, q.ShortAbandoned));
        Assert.Equal(1.0 / 3, q.ServiceLevel, 6);
        Assert.Equal(0.25, q.ServiceLevelOfOffered, 6);
        Assert.Equal(TimeSpan.FromSeconds((10 + 80) / 2.0), q.AverageSpeedOfAnswer);
        Assert.Equal(TimeSpan.FromSeconds((80 + 50) / 2.0), q.AverageHandleTime);
        Assert.Equal(TimeSpan.FromSeconds(80), q.MaxObservedWait);
        Assert.Equal(2, q.HandleTime.Count);
        Assert.Equal(130, q.HandleTime.SumSeconds, 6);
        Assert.Equal(2, q.WaitTime.Count);
    }

    /// <summary>
    /// Agent logged in 100 s: 20 s NotReady idle, 50 s on call, 10 s wrap-up, 20 s ready idle.
    /// Occupancy = (50 + 10) / (100 − 20) = 0.75.
    /// </summary>
    [Fact]
    public void Snapshot_AgentOccupancy_ExcludesNotReadyIdleTime()
    {
        var h = new CoreHarness(CoreHarness.SingleQueue(RoutingStrategies.LongestIdle, agents: 1, q => q with { WrapUpTime = TimeSpan.FromSeconds(10) }));
        h.Send(new AgentStateRequest("a1", AgentRequestKind.Login, "meeting"));
        h.Advance(20);
        h.Send(new AgentStateRequest("a1", AgentRequestKind.Ready));
        h.Arrive("c1");
        h.Send(new OfferAnswered("c1", "a1"));
        h.Advance(50);
        h.Send(new CallEnded("c1"));
        h.Advance(30);

        var agent = h.Core.Snapshot(h.Time.GetUtcNow()).Agents[0];

        Assert.Equal(0.75, agent.Occupancy, 6);
        Assert.Equal(TimeSpan.FromSeconds(50), agent.TimeByWorkState[AgentWorkState.OnCallInbound]);
        Assert.Equal(TimeSpan.FromSeconds(10), agent.TimeByWorkState[AgentWorkState.WrapUp]);
        Assert.Equal(TimeSpan.FromSeconds(40), agent.TimeByWorkState[AgentWorkState.Idle]);
    }

    [Fact]
    public void Snapshot_WaitingCalls_ReportsLongestWaitAndAgentsByState()
    {
        var h = new CoreHarness(CoreHarness.SingleQueue(RoutingStrategies.LongestIdle, agents: 2));
        h.Arrive("c1");
        h.Advance(25);
        h.Arrive("c2");
        h.Advance(5);

        var s = h.Core.Snapshot(h.Time.GetUtcNow());

        Assert.Equal(2, s.Queues[0].Waiting);
        Assert.Equal(TimeSpan.FromSeconds(30), s.Queues[0].LongestWait);
        Assert.Equal(2, Assert.Single(s.AgentsByState).Count);
        Assert.True(s.Queues[0].EstimatedWait > TimeSpan.Zero);
    }
}
