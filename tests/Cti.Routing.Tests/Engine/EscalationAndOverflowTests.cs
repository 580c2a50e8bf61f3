using Cti.Routing.Config;
using Cti.Routing.Engine;
using Cti.Routing.Strategies;

namespace Cti.Routing.Tests.Engine;

public class EscalationAndOverflowTests
{
    private static RoutingConfig Config(Func<QueueConfig, QueueConfig>? queue = null) => new()
    {
        Skills = ["support", "billing"],
        LastAgentWindow = TimeSpan.Zero,
        Queues =
        [
            (queue ?? (q => q))(new QueueConfig("support")
            {
                Strategy = RoutingStrategies.LongestIdle,
                RequiredSkills = [new SkillRequirement("support", 5)],
                Escalation =
                [
                    new EscalationStep(TimeSpan.FromSeconds(20)) { MinimumProficiency = 3 },
                    new EscalationStep(TimeSpan.FromSeconds(60)) { AdditionalSkill = new SkillRequirement("billing", 1) },
                    new EscalationStep(TimeSpan.FromSeconds(120)) { Overflow = OverflowTarget.ToQueue("overflow") },
                ],
            }),
            new QueueConfig("overflow") { Strategy = RoutingStrategies.LongestIdle },
        ],
        Agents =
        [
            CoreHarness.Agent("junior", proficiency: 3),
            CoreHarness.Agent("biller", skill: "billing", proficiency: 4),
            CoreHarness.Agent("backup", queue: "overflow"),
        ],
    };

    [Fact]
    public void Escalation_AfterTwentySeconds_AcceptsLowerProficiency()
    {
        var h = new CoreHarness(Config());
        h.LoginAll("junior");

        Assert.Null(CoreHarness.OfferIn(h.Arrive("c1"), "c1"));
        Assert.Null(CoreHarness.OfferIn(h.Advance(19.9), "c1"));
        var offer = CoreHarness.OfferIn(h.Advance(0.1), "c1");

        Assert.Equal("junior", offer?.AgentId);
        Assert.Equal(h.Time.GetUtcNow(), offer!.At);
    }

    [Fact]
    public void Escalation_AfterSixtySeconds_AcceptsSecondSkill()
    {
        var h = new CoreHarness(Config());
        h.LoginAll("biller");
        h.Arrive("c1");

        Assert.Null(CoreHarness.OfferIn(h.Advance(59), "c1"));
        Assert.Equal("biller", CoreHarness.OfferIn(h.Advance(1), "c1")?.AgentId);
    }

    [Fact]
    public void Escalation_AfterTwoMinutes_OverflowsToOtherQueue()
    {
        var h = new CoreHarness(Config());
        h.LoginAll("backup");
        h.Arrive("c1");

        var outputs = h.Advance(120);

        var overflow = Assert.Single(outputs.OfType<OverflowCall>());
        Assert.Equal(OverflowTarget.ToQueue("overflow"), overflow.Target);
        Assert.Equal(OverflowReason.Escalation, overflow.Reason);
        Assert.Equal("backup", CoreHarness.OfferIn(outputs, "c1")?.AgentId);
        var snapshot = h.Core.Snapshot(h.Time.GetUtcNow());
        Assert.Equal(1, snapshot.Queues[0].Overflowed);
        Assert.Equal(1, snapshot.Queues[1].Offered);
    }

    [Fact]
    public void Escalation_WhileRinging_OverflowsOnlyAfterOfferFails()
    {
        var config = Config(q => q with { Escalation = [new EscalationStep(TimeSpan.FromSeconds(10)) { Overflow = OverflowTarget.Callback }], RingTimeout = TimeSpan.FromSeconds(15) });
        var h = new CoreHarness(config with { Agents = [CoreHarness.Agent("senior", proficiency: 8), .. config.Agents] });
        h.LoginAll("senior");
        h.Arrive("c1");

        Assert.Empty(h.Advance(10).OfType<OverflowCall>());
        var outputs = h.Advance(5);

        Assert.Contains(outputs, o => o is StopRinging { Reason: StopRingingReason.RingTimeout });
        Assert.Equal(OverflowTarget.Callback, Assert.Single(outputs.OfType<OverflowCall>()).Target);
    }

    [Fact]
    public void MaxWait_Exceeded_TimesOutToTargetAndCountsTimedOut()
    {
        var h = new CoreHarness(Config(q => q with { Escalation = [], MaxWait = TimeSpan.FromSeconds(30), MaxWaitTarget = OverflowTarget.Voicemail }));
        h.Arrive("c1");

        Assert.Empty(h.Advance(29).OfType<OverflowCall>());
        var overflow = Assert.Single(h.Advance(1).OfType<OverflowCall>());

        Assert.Equal(OverflowReason.MaxWait, overflow.Reason);
        var queue = h.Core.Snapshot(h.Time.GetUtcNow()).Queues[0];
        Assert.Equal((1, 0, 0), (queue.TimedOut, queue.Overflowed, queue.Abandoned));
        Assert.False(h.Core.TryGetCall("c1", out _));
    }

    [Fact]
    public void MaxLength_QueueFull_OverflowsNewCaller()
    {
        var h = new CoreHarness(Config(q => q with { Escalation = [], MaxLength = 2, OverflowTarget = OverflowTarget.Callback }));
        h.Arrive("c1");
        h.Arrive("c2");
        var overflow = Assert.Single(h.Arrive("c3").OfType<OverflowCall>());

        Assert.Equal((OverflowReason.QueueFull, OverflowKind.Callback), (overflow.Reason, overflow.Target.Kind));
    }

    [Fact]
    public void JoinWhenEmpty_False_RefusesCallWithNobodyLoggedIn()
    {
        var h = new CoreHarness(Config(q => q with { Escalation = [], JoinWhenEmpty = false }));

        Assert.Equal(OverflowReason.QueueEmpty, Assert.Single(h.Arrive("c1").OfType<OverflowCall>()).Reason);
    }

    [Fact]
    public void LeaveWhenEmpty_LastMemberLogsOut_WaitingCallsLeave()
    {
        var h = new CoreHarness(Config(q => q with { Escalation = [], LeaveWhenEmpty = true, RequiredSkills = [new SkillRequirement("support", 9)] }));
        h.LoginAll("junior");
        h.Arrive("c1");

        var outputs = h.Send(new AgentStateRequest("junior", Agents.AgentRequestKind.Logout));

        Assert.Equal(OverflowReason.QueueEmpty, Assert.Single(outputs.OfType<OverflowCall>()).Reason);
    }
}
