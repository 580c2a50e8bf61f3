using Cti.Routing.Strategies;

namespace Cti.Routing.Config;

/// <summary>The shipped demonstration setup: queue <c>support</c> (round-robin) served by agents 1001–1005.</summary>
public static class DemoRoutingConfig
{
    public const string SupportQueueId = "support";

    public static RoutingConfig Create()
    {
        var agents = Enumerable.Range(1001, 5)
            .Select(n => new AgentConfig(n.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                Extensions = [n.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                Skills = [new AgentSkill("support", 5)],
                Queues = [new QueueMembership(SupportQueueId)],
            })
            .ToArray();

        return new RoutingConfig
        {
            Skills = ["support"],
            Queues =
            [
                new QueueConfig(SupportQueueId)
                {
                    Name = "Support",
                    Strategy = RoutingStrategies.RoundRobin,
                    RequiredSkills = [new SkillRequirement("support", 1)],
                    WrapUpTime = TimeSpan.FromSeconds(10),
                    RingTimeout = TimeSpan.FromSeconds(20),
                    AnnouncePosition = true,
                },
            ],
            Agents = agents,
        };
    }
}
