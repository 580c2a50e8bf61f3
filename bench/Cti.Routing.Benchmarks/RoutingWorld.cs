using Cti.Routing.Agents;
using Cti.Routing.Config;
using Cti.Routing.Engine;
using Cti.Routing.Persistence;
using Cti.Routing.Strategies;

namespace Cti.Routing.Benchmarks;

/// <summary>
/// A large steady-state call centre driven synchronously through the core: every agent is on a call and
/// a backlog of waiting calls is kept constant. One cycle = an agent's call ends (the routing decision:
/// pick the best waiting call over the agent's queues and offer it), the agent answers, a new call arrives.
/// </summary>
internal sealed class RoutingWorld
{
    private readonly string[] _agentIds;
    private readonly string[] _queueIds;
    private readonly string[] _currentCall;
    private long _ticks = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero).UtcTicks;
    private int _nextCall;
    private int _nextAgent;

    public RoutingWorld(int agents, int queues, int waiting, int queuesPerAgent = 5)
    {
        Config = BuildConfig(agents, queues, queuesPerAgent);
        _agentIds = Config.Agents.Select(a => a.Id).ToArray();
        _queueIds = Config.Queues.Select(q => q.Id).ToArray();
        _currentCall = new string[agents];
        Core = new AcdCore(Config, new InMemoryRoutingStateStore(), Now, null, 42);
        Waiting = waiting;
    }

    public RoutingConfig Config { get; }

    public AcdCore Core { get; }

    public int Waiting { get; }

    public long CommandsProcessed { get; private set; }

    private DateTimeOffset Now => new(_ticks, TimeSpan.Zero);

    public static RoutingConfig BuildConfig(int agents, int queues, int queuesPerAgent)
    {
        var skills = Enumerable.Range(0, 20).Select(i => $"skill{i}").ToArray();
        var queueConfigs = Enumerable.Range(0, queues).Select(q => new QueueConfig($"q{q}")
        {
            Strategy = RoutingStrategies.All[1 + (q % (RoutingStrategies.All.Count - 1))], // every strategy but ring-all
            Priority = q % 3,
            RequiredSkills = [new SkillRequirement(skills[q % skills.Length], 1)],
            WrapUpTime = TimeSpan.Zero,
            RingTimeout = TimeSpan.FromSeconds(20),
            NoAnswerLimit = 0,
        }).ToArray();
        var agentConfigs = Enumerable.Range(0, agents).Select(i =>
        {
            var memberOf = Enumerable.Range(0, queuesPerAgent).Select(k => (int)(((long)i * 7919 + k * 104729L) % queues)).Distinct().ToArray();
            return new AgentConfig($"ag{i}")
            {
                Extensions = [$"{10000 + i}"],
                Skills = memberOf.Select(q => skills[q % skills.Length]).Distinct().Select((s, n) => new AgentSkill(s, 1 + ((i + n) % 10))).ToArray(),
                Queues = memberOf.Select((q, n) => new QueueMembership($"q{q}", n % 2)).ToArray(),
            };
        }).ToArray();
        return new RoutingConfig { Skills = skills, Queues = queueConfigs, Agents = agentConfigs, LastAgentWindow = TimeSpan.Zero };
    }

    /// <summary>Logs everyone in, answers the first offers and fills the backlog to <see cref="Waiting"/>.</summary>
    public void Fill()
    {
        for (var i = 0; i < _agentIds.Length; i++)
        {
            Send(new AgentStateRequest(_agentIds[i], AgentRequestKind.Login));
        }

        // Every arrival is offered while free agents remain; answer each offer as it comes.
        do
        {
            for (var i = 0; i < 1_000; i++)
            {
                Arrive();
            }
        }
        while (Core.Queues.Sum(q => q.InQueue) < Waiting || Core.Agents.Any(a => a.IsReadyIdle));
    }

    private void Arrive()
    {
        var queue = _queueIds[(int)((uint)(_nextCall * 2654435761L) % (uint)_queueIds.Length)];
        var outputs = Send(new CallArrived($"call{_nextCall++}", queue, null, _nextCall % 4 == 0 ? 1 : 0));
        AnswerOffers(outputs);
    }

    private void AnswerOffers(IReadOnlyList<AcdOutput> outputs)
    {
        OfferCall? offer = null;
        foreach (var output in outputs)
        {
            if (output is OfferCall o)
            {
                offer = o;
            }
        }

        if (offer is not null)
        {
            var agent = Core.Agent(offer.AgentId);
            _currentCall[agent.Index] = offer.CallId;
            Send(new OfferAnswered(offer.CallId, offer.AgentId));
        }
    }

    /// <summary>The measured step: one agent's call ends and the core offers it the best waiting call.</summary>
    public IReadOnlyList<AcdOutput> EndNextCall(out string agentId)
    {
        var index = _nextAgent;
        _nextAgent = (_nextAgent + 1) % _agentIds.Length;
        agentId = _agentIds[index];
        return Send(new CallEnded(_currentCall[index]));
    }

    /// <summary>Completes the cycle outside the measured step: answer the offer and add a new arrival.</summary>
    public void CompleteCycle(IReadOnlyList<AcdOutput> decision)
    {
        AnswerOffers(decision);
        Arrive();
    }

    public void Cycle() => CompleteCycle(EndNextCall(out _));

    private IReadOnlyList<AcdOutput> Send(AcdCommand command)
    {
        _ticks += TimeSpan.TicksPerMillisecond / 100; // 10 µs of simulated time per command
        CommandsProcessed++;
        return Core.Process(command, Now);
    }
}
