using Cti.Routing.Agents;
using Cti.Routing.Config;
using Cti.Routing.Engine;
using Cti.Routing.Strategies;

namespace Cti.Routing.Tests.Engine;

public class ConfigApplyTests
{
    [Fact]
    public void Apply_InvalidConfig_RejectedAndPreviousKept()
    {
        var h = new CoreHarness(DemoRoutingConfig.Create());
        var before = h.Core.Config;

        var outputs = h.Send(new ApplyRoutingConfig(before with { Queues = [before.Queues[0] with { Strategy = "bogus" }] }));

        Assert.NotEmpty(Assert.Single(outputs.OfType<ConfigRejected>()).Errors);
        Assert.Same(before, h.Core.Config);
        Assert.Equal(1, h.Core.ConfigVersion);
    }

    [Fact]
    public void Apply_NewAgentAndLoweredRequirement_WaitingCallRoutedAndStateKept()
    {
        var config = DemoRoutingConfig.Create();
        config = config with { Queues = [config.Queues[0] with { RequiredSkills = [new SkillRequirement("support", 9)] }] };
        var h = new CoreHarness(config);
        h.LoginAll("1001");
        h.Arrive("c1");
        Assert.Null(CoreHarness.OfferIn(h.All, "c1"));
        h.Advance(12);

        var outputs = h.Send(new ApplyRoutingConfig(DemoRoutingConfig.Create()));

        Assert.Equal(2, Assert.Single(outputs.OfType<ConfigApplied>()).Version);
        Assert.Equal("1001", CoreHarness.OfferIn(outputs, "c1")?.AgentId);
        Assert.Equal(AgentAvailability.Ready, h.Core.Agent("1001").Availability);
        h.Send(new OfferAnswered("c1", "1001"));
        Assert.Equal(TimeSpan.FromSeconds(12), h.Core.Snapshot(h.Time.GetUtcNow()).Queues[0].AverageSpeedOfAnswer);
    }

    [Fact]
    public void Apply_QueueRemovedWithWaitingCall_CallOverflowsToVoicemail()
    {
        var h = new CoreHarness(CoreHarness.SingleQueue(RoutingStrategies.LongestIdle, config: c => c with
        {
            Queues = [.. c.Queues, new QueueConfig("sales")],
        }));
        h.Arrive("c1", "sales");

        var outputs = h.Send(new ApplyRoutingConfig(h.Core.Config with { Queues = [h.Core.Config.Queues[0]] }));

        var overflow = Assert.Single(outputs.OfType<OverflowCall>());
        Assert.Equal((OverflowReason.QueueRemoved, OverflowKind.Voicemail), (overflow.Reason, overflow.Target.Kind));
        Assert.False(h.Core.TryGetCall("c1", out _));
    }
}
