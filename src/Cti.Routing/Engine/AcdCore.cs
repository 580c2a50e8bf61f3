using Cti.Routing.Agents;
using Cti.Routing.Config;
using Cti.Routing.Engine.Flows;
using Cti.Routing.Engine.State;
using Cti.Routing.Engine.Timers;
using Cti.Routing.Engine.Topology;
using Cti.Routing.Persistence;
using Cti.Routing.Queues;
using Cti.Routing.Statistics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cti.Routing.Engine;

/// <summary>
/// The synchronous routing core: owns all agents, queues, calls and timers and processes one command at a
/// time, handing each to the flow it belongs to. It is not thread-safe by design; <see cref="AcdEngine"/>
/// serialises access through a channel, and tests and benchmarks drive it directly.
/// </summary>
internal sealed class AcdCore
{
    private readonly AcdState _state;
    private readonly OfferFlow _offers;
    private readonly QueueFlow _queues;
    private readonly AnswerFlow _answers;
    private readonly CallEndFlow _ends;
    private readonly AgentRequestFlow _agentRequests;
    private readonly OutboundReservations _outbound;
    private readonly Watchdog _watchdog;
    private readonly TimerDispatcher _timers;
    private readonly TopologyApplier _topology;

    public AcdCore(RoutingConfig config, IRoutingStateStore store, DateTimeOffset now, ILogger? logger = null, int randomSeed = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(store);
        var errors = RoutingConfigValidator.Validate(config);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid routing configuration: " + string.Join(" ", errors), nameof(config));
        }

        // The collaborators share one state and call each other only downwards in this order: no cycles.
        _state = new AcdState(config, store, logger ?? NullLogger.Instance, randomSeed, now.UtcTicks);
        var agents = new AgentStateMachine(_state);
        _offers = new OfferFlow(_state, agents);
        _queues = new QueueFlow(_state, _offers);
        _answers = new AnswerFlow(_state, agents, _offers, _queues);
        _ends = new CallEndFlow(_state, agents, _offers);
        _agentRequests = new AgentRequestFlow(_state, agents, _queues, _ends);
        _outbound = new OutboundReservations(_state, agents, _ends);
        _watchdog = new Watchdog(_state, agents, _queues, _ends);
        _timers = new TimerDispatcher(_state, _offers, _queues, _answers, _ends, _watchdog);
        _topology = new TopologyApplier(_state, agents, _queues, _offers);

        _topology.Initialize(store.Load());
        _watchdog.Schedule();
    }

    public RoutingConfig Config => _state.Config;

    public long ConfigVersion => _topology.Version;

    public long LastSequence => _state.Sequence;

    public long WatchdogFreedAgents => _watchdog.FreedAgents;

    internal int PendingTimers => _state.Timers.Count;

    /// <summary>Ready idle agents that belong to at least one outbound campaign.</summary>
    public int AgentsFreeForOutbound => _state.FreeForOutbound;

    public DateTimeOffset? NextDueTime => _state.Timers.NextDueTicks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    internal IReadOnlyList<AgentState> Agents => _state.Agents;

    internal IReadOnlyList<QueueState> Queues => _state.Queues;

    internal IReadOnlyCollection<CallState> Calls => _state.Calls.Values;

    internal AgentState Agent(string id) => _state.AgentsById[id];

    internal QueueState Queue(string id) => _state.QueuesById[id];

    internal bool TryGetCall(string id, out CallState call) => _state.Calls.TryGetValue(id, out call!);

    /// <summary>Processes one command after running every timer due by <paramref name="now"/>.</summary>
    /// <returns>The outputs of this command; the list is reused by the next call.</returns>
    public IReadOnlyList<AcdOutput> Process(AcdCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        var state = _state;
        state.Outputs.Clear();
        var nowTicks = Math.Max(state.NowTicks, now.UtcTicks);
        _timers.RunDue(nowTicks);
        state.NowTicks = nowTicks;
        switch (command)
        {
            case CallArrived c: _queues.OnCallArrived(c); break;
            case CallerHungUp c: _ends.OnCallerHungUp(c); break;
            case OfferAnswered c: _answers.OnOfferAnswered(c); break;
            case OfferRejected c: _answers.OnOfferUnanswered(c.CallId, c.AgentId, nameof(OfferRejected), fromTimer: false); break;
            case OfferTimedOut c: _answers.OnOfferUnanswered(c.CallId, c.AgentId, nameof(OfferTimedOut), fromTimer: false); break;
            case CallEnded c: _ends.OnCallEnded(c); break;
            case AgentStateRequest c: _agentRequests.OnAgentRequest(c); break;
            case ReserveAgentForOutbound c: _outbound.OnReserve(c); break;
            case OutboundCallConnected c: _outbound.OnConnected(c); break;
            case OutboundReservationReleased c: _outbound.OnReleased(c); break;
            case LiveCallsReport c: _watchdog.OnLiveCallsReport(c); break;
            case ApplyRoutingConfig c: _topology.OnApplyConfig(c.Config); break;
            case Engine.Tick: break;
            default: throw new ArgumentException($"Unsupported command {command.GetType().Name}.", nameof(command));
        }

        _offers.DrainDispatch();
        return state.Outputs;
    }

    public IReadOnlyList<AcdOutput> Tick(DateTimeOffset now) => Process(Engine.Tick.Instance, now);

    public RoutingSnapshot Snapshot(DateTimeOffset now) => RoutingSnapshotBuilder.Build(this, new DateTimeOffset(Math.Max(_state.NowTicks, now.UtcTicks), TimeSpan.Zero));

    /// <summary>Ready idle agents that may take an outbound call for this campaign (any campaign when null).</summary>
    public int CountFreeForOutbound(string? campaignId) => _outbound.CountFree(campaignId);
}
