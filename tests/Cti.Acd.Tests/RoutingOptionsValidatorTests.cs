using Cti.Acd;
using Cti.Routing.Config;
using Microsoft.Extensions.Configuration;

namespace Cti.Acd.Tests;

public sealed class RoutingOptionsValidatorTests
{
    private static readonly IReadOnlySet<string> Sip = new HashSet<string>(["1001", "1002", "1003", "1004", "1005"], StringComparer.Ordinal);

    private static RoutingOptions Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = new RoutingOptions();
        configuration.GetSection(RoutingOptions.SectionName).Bind(options);
        return options;
    }

    private static RoutingOptions ShippedDemo()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.Development.json"))
            .Build();
        var options = new RoutingOptions();
        configuration.GetSection(RoutingOptions.SectionName).Bind(options);
        var errors = new List<string>();
        RoutingOptionsReader.Apply(configuration, options, errors);
        Assert.Empty(errors);
        return options;
    }

    [Fact]
    public void Collect_ShippedDemo_IsValidAndMapsSupportQueueWithFiveAgents()
    {
        var options = ShippedDemo();

        Assert.Empty(RoutingOptionsValidator.Collect(options, Sip));
        var config = RoutingOptionsMapper.Map(options, new List<string>());
        var queue = Assert.Single(config.Queues);
        Assert.Equal("support", queue.Id);
        Assert.Equal("round-robin", queue.Strategy);
        Assert.Equal(["1001", "1002", "1003", "1004", "1005"], config.Agents.Select(a => a.Id));
        Assert.All(config.Agents, a => Assert.Equal([a.Id], a.Extensions));
        Assert.All(config.Agents, a => Assert.Equal("support", Assert.Single(a.Queues).QueueId));
        Assert.Equal(NotReadyReasons.Defaults, config.NotReadyReasons);
    }

    [Fact]
    public void Map_EveryQueueSetting_ReachesTheEngineConfig()
    {
        var options = Bind(new()
        {
            ["Cti:Routing:Skills:0"] = "support",
            ["Cti:Routing:Skills:1"] = "billing",
            ["Cti:Routing:Queues:0:Id"] = "support",
            ["Cti:Routing:Queues:0:Priority"] = "3",
            ["Cti:Routing:Queues:0:Strategy"] = "skill-best-match",
            ["Cti:Routing:Queues:0:RequiredSkills:0:Skill"] = "support",
            ["Cti:Routing:Queues:0:RequiredSkills:0:MinimumProficiency"] = "6",
            ["Cti:Routing:Queues:0:Escalation:0:After"] = "00:00:20",
            ["Cti:Routing:Queues:0:Escalation:0:MinimumProficiency"] = "3",
            ["Cti:Routing:Queues:0:Escalation:1:After"] = "00:01:00",
            ["Cti:Routing:Queues:0:Escalation:1:AdditionalSkill:Skill"] = "billing",
            ["Cti:Routing:Queues:0:Escalation:2:After"] = "00:02:00",
            ["Cti:Routing:Queues:0:Escalation:2:Overflow"] = "queue:overflow",
            ["Cti:Routing:Queues:0:MaxWait"] = "00:05:00",
            ["Cti:Routing:Queues:0:MaxWaitTarget"] = "callback",
            ["Cti:Routing:Queues:0:MaxLength"] = "7",
            ["Cti:Routing:Queues:0:JoinWhenEmpty"] = "false",
            ["Cti:Routing:Queues:0:LeaveWhenEmpty"] = "true",
            ["Cti:Routing:Queues:0:WrapUpTime"] = "00:00:15",
            ["Cti:Routing:Queues:0:RingTimeout"] = "00:00:12",
            ["Cti:Routing:Queues:0:NoAnswerLimit"] = "2",
            ["Cti:Routing:Queues:0:ServiceLevelThreshold"] = "00:00:30",
            ["Cti:Routing:Queues:1:Id"] = "overflow",
            ["Cti:Routing:NotReadyReasons:0"] = "break",
            ["Cti:Routing:NotReadyReasons:1"] = "no-answer",
            ["Cti:Routing:Agents:0:Id"] = "1001",
            ["Cti:Routing:Agents:0:Skills:0:Skill"] = "support",
            ["Cti:Routing:Agents:0:Skills:0:Proficiency"] = "8",
            ["Cti:Routing:Agents:0:Queues:0:Queue"] = "support",
            ["Cti:Routing:Agents:0:Queues:0:Tier"] = "2",
        });

        Assert.Empty(RoutingOptionsValidator.Collect(options, Sip));
        var config = RoutingOptionsMapper.Map(options, new List<string>());
        var queue = config.Queues[0];
        Assert.Equal(3, queue.Priority);
        Assert.Equal(new SkillRequirement("support", 6), Assert.Single(queue.RequiredSkills));
        Assert.Equal(3, queue.Escalation[0].MinimumProficiency);
        Assert.Equal(new SkillRequirement("billing", 1), queue.Escalation[1].AdditionalSkill);
        Assert.Equal(OverflowTarget.ToQueue("overflow"), queue.Escalation[2].Overflow);
        Assert.Equal(TimeSpan.FromMinutes(5), queue.MaxWait);
        Assert.Equal(OverflowTarget.Callback, queue.MaxWaitTarget);
        Assert.Equal(7, queue.MaxLength);
        Assert.False(queue.JoinWhenEmpty);
        Assert.True(queue.LeaveWhenEmpty);
        Assert.Equal(TimeSpan.FromSeconds(15), queue.WrapUpTime);
        Assert.Equal(TimeSpan.FromSeconds(12), queue.RingTimeout);
        Assert.Equal(2, queue.NoAnswerLimit);
        Assert.Equal(TimeSpan.FromSeconds(30), queue.ServiceLevelThreshold);
        Assert.Equal(["break", "no-answer"], config.NotReadyReasons);
        Assert.Equal(new QueueMembership("support", 2), Assert.Single(config.Agents[0].Queues));
        Assert.Equal(new AgentSkill("support", 8), Assert.Single(config.Agents[0].Skills));

        // Converting back gives the same engine config (the API shows config in the PUT shape).
        var roundTrip = RoutingOptionsMapper.MapQueue(RoutingOptionsMapper.ToOptions(queue), queue.Id, "q", new List<string>());
        Assert.Equal(queue.Escalation, roundTrip.Escalation);
        Assert.Equal(queue.MaxWaitTarget, roundTrip.MaxWaitTarget);
    }

    [Fact]
    public void Collect_ManyProblems_ListsEveryOne()
    {
        var options = Bind(new()
        {
            ["Cti:Routing:Skills:0"] = "support",
            ["Cti:Routing:NotReadyReasons:0"] = "break",
            ["Cti:Routing:Queues:0:Id"] = "support",
            ["Cti:Routing:Queues:0:Strategy"] = "telepathy",
            ["Cti:Routing:Queues:0:OverflowTarget"] = "the-moon",
            ["Cti:Routing:Queues:0:RingTimeout"] = "00:00:00",
            ["Cti:Routing:Queues:0:RequiredSkills:0:Skill"] = "french",
            ["Cti:Routing:Queues:1:Name"] = "no id",
            ["Cti:Routing:Agents:0:Id"] = "1001",
            ["Cti:Routing:Agents:0:Skills:0:Skill"] = "support",
            ["Cti:Routing:Agents:0:Skills:0:Proficiency"] = "11",
            ["Cti:Routing:Agents:0:Queues:0:Queue"] = "sales",
            ["Cti:Routing:Agents:1:Id"] = "2999",
            ["Cti:Routing:RecentEventCapacity"] = "0",
        });

        var errors = RoutingOptionsValidator.Collect(options, Sip);

        Assert.Contains(errors, e => e.Contains("no-answer", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("unknown strategy 'telepathy'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'the-moon' is not an overflow target", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("RingTimeout must be positive", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("unknown skill 'french'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Queues[1]: Id is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("proficiency 11", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("unknown queue 'sales'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("agent '2999': no SIP account", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("RecentEventCapacity", StringComparison.Ordinal));
        Assert.True(errors.Count >= 10, string.Join(Environment.NewLine, errors));
    }

    [Theory]
    [InlineData("voicemail", OverflowKind.Voicemail, null)]
    [InlineData("Callback", OverflowKind.Callback, null)]
    [InlineData("queue:sales", OverflowKind.Queue, "sales")]
    public void ParseTarget_KnownForms_Parse(string text, OverflowKind kind, string? queue)
    {
        var errors = new List<string>();
        var target = RoutingOptionsMapper.ParseTarget(text, "x", errors);

        Assert.Empty(errors);
        Assert.Equal(new OverflowTarget(kind, queue), target);
        Assert.Equal(text.ToLowerInvariant(), RoutingOptionsMapper.FormatTarget(target));
    }

    [Theory]
    [InlineData("")]
    [InlineData("queue:")]
    [InlineData("voicemail2")]
    public void ParseTarget_Malformed_ReportsError(string text)
    {
        var errors = new List<string>();
        RoutingOptionsMapper.ParseTarget(text, "x", errors);

        Assert.Single(errors);
    }
}
