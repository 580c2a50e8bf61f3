using Cti.Routing.Agents;
using Cti.Routing.Engine;
using Cti.Routing.Strategies;

namespace Cti.Routing.Tests.Engine;

public class CallerPriorityTests
{
    private static CoreHarness Create() => new(CoreHarness.SingleQueue(RoutingStrategies.LongestIdle, agents: 1,
        q => q with { AnnouncePosition = true },
        c => c with { VipNumbers = ["+4930111111"], VipPriorityBoost = 5, PriorityStep = TimeSpan.FromSeconds(10) }));

    private static List<string> ServeAll(CoreHarness h, int count)
    {
        var served = new List<string>();
        h.Send(new AgentStateRequest("a1", AgentRequestKind.Login));
        for (var i = 0; i < count; i++)
        {
            var offer = h.All.OfType<OfferCall>().Last();
            served.Add(offer.CallId);
            h.Send(new OfferAnswered(offer.CallId, "a1"));
            h.Send(new CallEnded(offer.CallId));
        }

        return served;
    }

    [Fact]
    public void Waiting_SamePriority_ServedFifo()
    {
        var h = Create();
        h.Arrive("c1");
        h.Advance(1);
        h.Arrive("c2");
        h.Advance(1);
        h.Arrive("c3");

        Assert.Equal(["c1", "c2", "c3"], ServeAll(h, 3));
    }

    [Fact]
    public void Waiting_VipAndPriority_JumpAheadButLongWaitStillWins()
    {
        var h = Create();
        h.Arrive("old");                          // t=0, score grows from 0
        h.Advance(60);
        h.Arrive("normal");                       // t=60
        h.Arrive("vip", caller: "+4930111111");   // +5 points = 50 s credit → key 10
        h.Arrive("prio2", priority: 2);           // 20 s credit → key 40

        Assert.Equal(["old", "vip", "prio2", "normal"], ServeAll(h, 4));
    }

    [Fact]
    public void Arrival_AnnouncementEnabled_ReportsPositionAndEstimatedWait()
    {
        var h = Create();
        h.Arrive("c1");
        var second = h.Arrive("c2").OfType<AnnouncePosition>().Single();
        var vip = h.Arrive("v", caller: "+4930111111").OfType<AnnouncePosition>().Single();

        Assert.Equal(2, second.Position);
        Assert.Equal(1, vip.Position);
        // No history yet: 3 min per call ahead, one logged-in member is counted as at least one.
        Assert.Equal(TimeSpan.FromMinutes(6), second.EstimatedWait);
    }
}
