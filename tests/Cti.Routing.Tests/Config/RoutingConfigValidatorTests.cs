using Cti.Routing.Config;

namespace Cti.Routing.Tests.Config;

public class RoutingConfigValidatorTests
{
    [Fact]
    public void Validate_DemoConfig_HasNoErrors()
    {
        var config = DemoRoutingConfig.Create();

        Assert.Empty(RoutingConfigValidator.Validate(config));
        Assert.Equal(["1001", "1002", "1003", "1004", "1005"], config.Agents.Select(a => a.Id));
        Assert.Equal("round-robin", Assert.Single(config.Queues).Strategy);
    }

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOne()
    {
        var config = new RoutingConfig
        {
            Skills = ["support", "support"],
            NotReadyReasons = ["break"],
            Queues =
            [
                new QueueConfig("q1")
                {
                    Strategy = "nearest",
                    RequiredSkills = [new SkillRequirement("plumbing", 11)],
                    Escalation = [new EscalationStep(TimeSpan.FromSeconds(20)) { Overflow = OverflowTarget.ToQueue("nowhere") }],
                    RingTimeout = TimeSpan.Zero,
                },
                new QueueConfig("q1"),
            ],
            Agents =
            [
                new AgentConfig("1001") { Skills = [new AgentSkill("support", 0)], Queues = [new QueueMembership("q9")] },
                new AgentConfig("1001"),
            ],
        };

        var errors = RoutingConfigValidator.Validate(config);

        string[] expected =
        [
            "Duplicate skill id 'support'",
            "'no-answer'",
            "Duplicate queue id 'q1'",
            "Duplicate agent id '1001'",
            "unknown strategy 'nearest'",
            "unknown skill 'plumbing'",
            "proficiency 11",
            "unknown overflow queue 'nowhere'",
            "RingTimeout must be positive",
            "proficiency 0",
            "unknown queue 'q9'",
        ];
        foreach (var fragment in expected)
        {
            Assert.Contains(errors, e => e.Contains(fragment, StringComparison.Ordinal));
        }

        Assert.Equal(expected.Length, errors.Count);
    }

    [Fact]
    public void Validate_EscalationOutOfOrderOrEmpty_Reported()
    {
        var config = DemoRoutingConfig.Create();
        config = config with
        {
            Queues = [config.Queues[0] with
            {
                Escalation =
                [
                    new EscalationStep(TimeSpan.FromSeconds(60)) { MinimumProficiency = 2 },
                    new EscalationStep(TimeSpan.FromSeconds(30)),
                ],
            }],
        };

        var errors = RoutingConfigValidator.Validate(config);

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Contains("ascending", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("does nothing", StringComparison.Ordinal));
    }
}
