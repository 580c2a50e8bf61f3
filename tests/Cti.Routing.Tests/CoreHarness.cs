using Cti.Routing.Agents;
using Cti.Routing.Config;
using Cti.Routing.Engine;
using Cti.Routing.Persistence;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Routing.Tests;

/// <summary>Drives an <see cref="AcdCore"/> synchronously against a fake clock and records every output.</summary>
internal sealed class CoreHarness
{
    public CoreHarness(RoutingConfig config, IRoutingStateStore? store = null, int seed = 1, FakeTimeProvider? time = null)
    {
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        Store = store ?? new InMemoryRoutingStateStore();
        Core = new AcdCore(config, Store, Time.GetUtcNow(), null, seed);
    }

    public FakeTimeProvider Time { get; }

    public IRoutingStateStore Store { get; }

    public AcdCore Core { get; }

    public List<AcdOutput> All { get; } = [];

    public List<AcdOutput> Send(AcdCommand command)
    {
        var outputs = Core.Process(command, Time.GetUtcNow()).ToList();
        All.AddRange(outputs);
        return outputs;
    }

    public List<AcdOutput> Advance(TimeSpan by)
    {
        Time.Advance(by);
        return Send(Tick.Instance);
    }

    public List<AcdOutput> Advance(double seconds) => Advance(TimeSpan.FromSeconds(seconds));

    public void LoginAll(params string[] agentIds)
    {
        foreach (var id in agentIds)
        {
            Send(new AgentStateRequest(id, AgentRequestKind.Login));
        }
    }

    public List<AcdOutput> Arrive(string callId, string queueId = "support", string? caller = null, int priority = 0) =>
        Send(new CallArrived(callId, queueId, caller, priority));

    public static OfferCall? OfferIn(IEnumerable<AcdOutput> outputs, string callId) =>
        outputs.OfType<OfferCall>().LastOrDefault(o => o.CallId == callId);

    /// <summary>Answers, talks for <paramref name="talk"/> and ends the call offered to someone.</summary>
    public string AnswerAndEnd(string callId, TimeSpan talk)
    {
        var offer = All.OfType<OfferCall>().Last(o => o.CallId == callId);
        Send(new OfferAnswered(callId, offer.AgentId));
        if (talk > TimeSpan.Zero)
        {
            Advance(talk);
        }

        Send(new CallEnded(callId));
        return offer.AgentId;
    }

    public static AgentConfig Agent(string id, string queue = "support", int proficiency = 5, string skill = "support", int tier = 0) =>
        new(id) { Extensions = [id], Skills = [new AgentSkill(skill, proficiency)], Queues = [new QueueMembership(queue, tier)] };

    public static RoutingConfig SingleQueue(string strategy, int agents = 3, Func<QueueConfig, QueueConfig>? queue = null, Func<RoutingConfig, RoutingConfig>? config = null)
    {
        var q = new QueueConfig("support")
        {
            Strategy = strategy,
            RequiredSkills = [new SkillRequirement("support", 1)],
            WrapUpTime = TimeSpan.Zero,
        };
        var c = new RoutingConfig
        {
            Skills = ["support", "billing", "french"],
            Queues = [queue is null ? q : queue(q)],
            Agents = Enumerable.Range(1, agents).Select(i => Agent($"a{i}")).ToArray(),
            LastAgentWindow = TimeSpan.Zero,
        };
        return config is null ? c : config(c);
    }
}
