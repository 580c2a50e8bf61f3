using Cti.Routing.Agents;
using Cti.Routing.Config;
using Cti.Routing.Persistence;
using Cti.Routing.Queues;
using Cti.Routing.Statistics;
using Cti.Routing.Strategies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cti.Routing.Engine;

/// <summary>
/// The synchronous routing core: owns all agents, queues, calls and timers and processes one command at a
/// time. It is not thread-safe by design; <see cref="AcdEngine"/> serialises access through a channel,
/// and tests and benchmarks drive it directly.
/// </summary>
internal sealed partial class AcdCore
{
    private const int MaxOverflowHops = 5;
    private static readonly TimeSpan DefaultHandleTime = TimeSpan.FromMinutes(3);

    private readonly IRoutingStateStore _store;
    private readonly ILogger _logger;
    private readonly Random _random;
    private readonly TimerQueue _timers = new();
    private readonly List<AcdOutput> _outputs = [];
    private readonly Dictionary<string, CallState> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentState> _agentsById = new(StringComparer.Ordinal);
    private readonly List<AgentState> _agents = [];
    private readonly Dictionary<string, QueueState> _queuesById = new(StringComparer.Ordinal);
    private readonly List<QueueState> _queues = [];
    private readonly Dictionary<string, LastAgentEntry> _lastAgentByCaller = new(StringComparer.Ordinal);
    private readonly List<AgentState> _pendingDispatch = [];
    private AgentCandidate[] _candidates = new AgentCandidate[64];
    private Membership[] _candidateMembers = new Membership[64];
    private HashSet<string> _reasons = [];
    private HashSet<string> _vips = [];
    private RoutingConfig _config;
    private long _configVersion;
    private long _sequence;
    private long _callSeq;
    private long _nowTicks;
    private long _watchdogFreed;
    private int _freeForOutbound;
    private int _watchdogToken;

    public AcdCore(RoutingConfig config, IRoutingStateStore store, DateTimeOffset now, ILogger? logger = null, int randomSeed = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(store);
        var errors = RoutingConfigValidator.Validate(config);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid routing configuration: " + string.Join(" ", errors), nameof(config));
        }

        _store = store;
        _logger = logger ?? NullLogger.Instance;
        _random = new Random(randomSeed);
        _config = config;
        _nowTicks = now.UtcTicks;
        ApplyTopology(config, store.Load());
        _configVersion = 1;
        ScheduleWatchdog();
    }

    public RoutingConfig Config => _config;

    public long ConfigVersion => _configVersion;

    public long LastSequence => _sequence;

    public long WatchdogFreedAgents => _watchdogFreed;

    internal int PendingTimers => _timers.Count;

    /// <summary>Ready idle agents that belong to at least one outbound campaign.</summary>
    public int AgentsFreeForOutbound => _freeForOutbound;

    public DateTimeOffset? NextDueTime => _timers.NextDueTicks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    internal IReadOnlyList<AgentState> Agents => _agents;

    internal IReadOnlyList<QueueState> Queues => _queues;

    internal IReadOnlyCollection<CallState> Calls => _calls.Values;

    internal AgentState Agent(string id) => _agentsById[id];

    internal QueueState Queue(string id) => _queuesById[id];

    internal bool TryGetCall(string id, out CallState call) => _calls.TryGetValue(id, out call!);

    /// <summary>Processes one command after running every timer due by <paramref name="now"/>.</summary>
    /// <returns>The outputs of this command; the list is reused by the next call.</returns>
    public IReadOnlyList<AcdOutput> Process(AcdCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        _outputs.Clear();
        var nowTicks = Math.Max(_nowTicks, now.UtcTicks);
        RunDueTimers(nowTicks);
        _nowTicks = nowTicks;
        switch (command)
        {
            case CallArrived c: OnCallArrived(c); break;
            case CallerHungUp c: OnCallerHungUp(c); break;
            case OfferAnswered c: OnOfferAnswered(c); break;
            case OfferRejected c: OnOfferUnanswered(c.CallId, c.AgentId, nameof(OfferRejected), fromTimer: false); break;
            case OfferTimedOut c: OnOfferUnanswered(c.CallId, c.AgentId, nameof(OfferTimedOut), fromTimer: false); break;
            case CallEnded c: OnCallEnded(c); break;
            case AgentStateRequest c: OnAgentRequest(c); break;
            case ReserveAgentForOutbound c: OnReserveOutbound(c); break;
            case OutboundCallConnected c: OnOutboundConnected(c); break;
            case OutboundReservationReleased c: OnOutboundReleased(c); break;
            case LiveCallsReport c: OnLiveCallsReport(c); break;
            case ApplyRoutingConfig c: OnApplyConfig(c.Config); break;
            case Engine.Tick: break;
            default: throw new ArgumentException($"Unsupported command {command.GetType().Name}.", nameof(command));
        }

        DrainDispatch();
        return _outputs;
    }

    public IReadOnlyList<AcdOutput> Tick(DateTimeOffset now) => Process(Engine.Tick.Instance, now);

    public RoutingSnapshot Snapshot(DateTimeOffset now) => RoutingSnapshotBuilder.Build(this, new DateTimeOffset(Math.Max(_nowTicks, now.UtcTicks), TimeSpan.Zero));

    /// <summary>Ready idle agents that may take an outbound call for this campaign (any campaign when null).</summary>
    public int CountFreeForOutbound(string? campaignId)
    {
        if (campaignId is null)
        {
            return _freeForOutbound;
        }

        var n = 0;
        foreach (var agent in _agents)
        {
            if (agent.IsReadyIdle && agent.Config.Campaigns.Contains(campaignId))
            {
                n++;
            }
        }

        return n;
    }

    // ---------------------------------------------------------------- inbound calls

    private void OnCallArrived(CallArrived c)
    {
        if (_calls.ContainsKey(c.CallId))
        {
            Reject(c, null, c.CallId, RejectionReason.DuplicateCall, "A call with this id is already known.");
            return;
        }

        if (!_queuesById.TryGetValue(c.QueueId, out var queue) || queue.Removed)
        {
            Reject(c, null, c.CallId, RejectionReason.UnknownQueue, $"Queue '{c.QueueId}' does not exist.");
            return;
        }

        var priority = c.Priority + (c.CallerNumber is not null && _vips.Contains(c.CallerNumber) ? _config.VipPriorityBoost : 0);
        var call = new CallState(c.CallId)
        {
            CallerNumber = c.CallerNumber,
            Priority = priority,
            ArrivedTicks = _nowTicks,
            Seq = ++_callSeq,
            Key = _nowTicks - (priority * _config.PriorityStep.Ticks),
        };
        _calls.Add(call.CallId, call);
        Enqueue(call, queue, allowLastAgent: true);
    }

    private void Enqueue(CallState call, QueueState queue, bool allowLastAgent)
    {
        var config = queue.Config;
        queue.Stats.Offered++;
        if (!config.JoinWhenEmpty && queue.LoggedInMembers == 0)
        {
            LeaveQueue(call, queue, config.OverflowTarget, OverflowReason.QueueEmpty);
            return;
        }

        if (config.MaxLength > 0 && queue.InQueue >= config.MaxLength)
        {
            LeaveQueue(call, queue, config.OverflowTarget, OverflowReason.QueueFull);
            return;
        }

        call.Queue = queue;
        queue.InQueue++;
        call.EnqueuedTicks = _nowTicks;
        call.Level = 0;
        call.NextStep = 0;
        call.QueueToken++;
        call.PendingOverflow = null;
        ScheduleQueueTimers(call, queue);
        Emit(new CallQueued(call.CallId, queue.Id, call.Priority));

        if (allowLastAgent && TryHoldForLastAgent(call, queue, out var target))
        {
            AnnounceIfEnabled(call, queue);
            if (target.IsReadyIdle)
            {
                OfferHeldCall(call, target);
            }

            return;
        }

        call.Phase = CallPhase.Waiting;
        queue.Waiting[0].Add(call);
        AnnounceIfEnabled(call, queue);
        TryOffer(call);
    }

    private void ScheduleQueueTimers(CallState call, QueueState queue)
    {
        var config = queue.Config;
        if (config.Escalation.Count > 0)
        {
            _timers.Schedule(_nowTicks, call.EnqueuedTicks + config.Escalation[0].After.Ticks, new TimerEntry(TimerKind.Escalation, call, null, call.QueueToken, 0));
        }

        if (config.MaxWait is { } maxWait)
        {
            _timers.Schedule(_nowTicks, call.EnqueuedTicks + maxWait.Ticks, new TimerEntry(TimerKind.MaxWait, call, null, call.QueueToken));
        }

        if (config.AnnouncePosition && config.AnnounceInterval is { } interval)
        {
            _timers.Schedule(_nowTicks, _nowTicks + interval.Ticks, new TimerEntry(TimerKind.Announce, call, null, call.QueueToken));
        }
    }

    private bool TryHoldForLastAgent(CallState call, QueueState queue, out AgentState agent)
    {
        agent = null!;
        if (_config.LastAgentWindow <= TimeSpan.Zero || _config.LastAgentHold <= TimeSpan.Zero || call.CallerNumber is null
            || !_lastAgentByCaller.TryGetValue(call.CallerNumber, out var last)
            || _nowTicks - last.AtTicks > _config.LastAgentWindow.Ticks
            || !last.Agent.IsLoggedIn || last.Agent.Removed)
        {
            return false;
        }

        var member = Array.Find(last.Agent.Memberships, m => m.Queue == queue && m.MinLevel != int.MaxValue);
        if (member is null)
        {
            return false;
        }

        agent = last.Agent;
        call.Phase = CallPhase.HeldForAgent;
        call.TargetAgent = agent;
        call.HoldToken++;
        agent.TargetedCalls.Add(call);
        _timers.Schedule(_nowTicks, _nowTicks + _config.LastAgentHold.Ticks, new TimerEntry(TimerKind.LastAgentHold, call, null, call.HoldToken));
        return true;
    }

    private void OfferHeldCall(CallState call, AgentState agent)
    {
        agent.TargetedCalls.Remove(call);
        call.TargetAgent = null;
        call.HoldToken++;
        StartRinging(call, call.Queue!);
        OfferTo(call, agent, call.Queue!);
    }

    private void ReleaseHeldCall(CallState call)
    {
        call.TargetAgent?.TargetedCalls.Remove(call);
        call.TargetAgent = null;
        call.HoldToken++;
        call.Phase = CallPhase.Waiting;
        call.Queue!.Waiting[call.Level].Add(call);
        TryOffer(call);
    }

    /// <summary>Offers a waiting call to the eligible ready agents chosen by the queue's strategy.</summary>
    private bool TryOffer(CallState call)
    {
        if (call.Phase != CallPhase.Waiting)
        {
            return false;
        }

        var queue = call.Queue!;
        var count = CollectCandidates(queue, call.Level, call.Declined);
        if (count == 0 && call.Declined is { Count: > 0 })
        {
            // Everyone eligible has let this call go once: start another round with all of them.
            call.Declined.Clear();
            count = CollectCandidates(queue, call.Level, null);
        }

        if (count == 0)
        {
            return false;
        }

        queue.Waiting[call.Level].Remove(call);
        StartRinging(call, queue);
        var strategy = queue.Strategy;
        if (strategy.OffersToAll)
        {
            for (var i = 0; i < count; i++)
            {
                OfferTo(call, _candidateMembers[i].Agent, queue);
            }

            return true;
        }

        var context = new RoutingStrategyContext(queue.RoundRobinLastOrder, _random);
        var chosen = _candidateMembers[strategy.Select(_candidates.AsSpan(0, count), context)];
        if (strategy.Name == RoutingStrategies.RoundRobin)
        {
            queue.RoundRobinLastOrder = chosen.Order;
            queue.RoundRobinLastAgentId = chosen.Agent.Id;
            _store.SaveRoundRobinPosition(queue.Id, chosen.Agent.Id);
        }

        OfferTo(call, chosen.Agent, queue);
        return true;
    }

    /// <summary>
    /// Copies the ready members eligible at <paramref name="level"/> and in the lowest tier present, leaving out the
    /// agents who already rejected or missed this call (<paramref name="declined"/>), so it moves on to the next agent.
    /// </summary>
    private int CollectCandidates(QueueState queue, int level, HashSet<string>? declined)
    {
        var count = 0;
        var minTier = int.MaxValue;
        var ready = queue.Ready;
        for (var i = 0; i < ready.Count; i++)
        {
            var member = ready[i];
            if (member.MinLevel > level || member.Tier > minTier || (declined is not null && declined.Contains(member.Agent.Id)))
            {
                continue;
            }

            if (member.Tier < minTier)
            {
                minTier = member.Tier;
                count = 0;
            }

            if (count == _candidates.Length)
            {
                Array.Resize(ref _candidates, count * 2);
                Array.Resize(ref _candidateMembers, count * 2);
            }

            var agent = member.Agent;
            _candidateMembers[count] = member;
            _candidates[count] = new AgentCandidate(count, member.Order, member.Proficiency, agent.IdleSinceTicks, agent.CallsAnswered, agent.TalkTicks);
            count++;
        }

        return count;
    }

    private void StartRinging(CallState call, QueueState queue)
    {
        call.Phase = CallPhase.Ringing;
        call.OfferToken++;
        _timers.Schedule(_nowTicks, _nowTicks + queue.Config.RingTimeout.Ticks, new TimerEntry(TimerKind.RingTimeout, call, null, call.OfferToken));
    }

    private void OfferTo(CallState call, AgentState agent, QueueState queue)
    {
        call.Ringing.Add(agent);
        agent.Call = call;
        agent.ReservedAtTicks = _nowTicks;
        agent.CallsOffered++;
        SetWork(agent, AgentWorkState.Reserved);
        Emit(new OfferCall(call.CallId, agent.Id, queue.Id, queue.Config.RingTimeout));
    }

    /// <summary>Gives a ready idle agent the best waiting call among its queues, if any.</summary>
    private void DispatchAgent(AgentState agent)
    {
        while (agent.IsReadyIdle)
        {
            if (agent.TargetedCalls.Count > 0)
            {
                OfferHeldCall(agent.TargetedCalls[0], agent);
                continue;
            }

            CallState? best = null;
            var bestPriority = 0;
            foreach (var member in agent.Memberships)
            {
                if (member.MinLevel == int.MaxValue)
                {
                    continue;
                }

                var queue = member.Queue;
                for (var level = member.MinLevel; level < queue.Waiting.Length; level++)
                {
                    var set = queue.Waiting[level];
                    if (set.Count == 0)
                    {
                        continue;
                    }

                    var head = set.Min!;
                    if (best is null || queue.Config.Priority > bestPriority
                        || (queue.Config.Priority == bestPriority && CallOrderComparer.Instance.Compare(head, best) < 0))
                    {
                        best = head;
                        bestPriority = queue.Config.Priority;
                    }
                }
            }

            if (best is null || !TryOffer(best))
            {
                return;
            }
        }
    }

    private void DrainDispatch()
    {
        // Index-based: dispatching may make more agents ready (e.g. ring-all losers) and append to the list.
        for (var i = 0; i < _pendingDispatch.Count; i++)
        {
            DispatchAgent(_pendingDispatch[i]);
        }

        _pendingDispatch.Clear();
    }

    private void OnOfferAnswered(OfferAnswered c)
    {
        if (!TryResolve(c, c.CallId, c.AgentId, out var call, out var agent))
        {
            return;
        }

        if (call.Phase != CallPhase.Ringing || !call.Ringing.Contains(agent))
        {
            Reject(c, c.AgentId, c.CallId, RejectionReason.NotOffered, "The call is not ringing at this agent.");
            return;
        }

        var queue = call.Queue!;
        call.Ringing.Remove(agent);
        StopOtherRinging(call, StopRingingReason.AnsweredElsewhere);
        queue.InQueue--;
        call.QueueToken++;
        call.Queue = null;
        call.AnsweredQueue = queue;
        call.Phase = CallPhase.Connected;
        call.Agent = agent;
        call.AnsweredTicks = _nowTicks;

        var wait = _nowTicks - call.EnqueuedTicks;
        var stats = queue.Stats;
        stats.Answered++;
        stats.AnsweredWaitTicks += wait;
        stats.MaxWaitTicks = Math.Max(stats.MaxWaitTicks, wait);
        stats.WaitTimes.Record(TimeSpan.FromTicks(wait));
        if (wait <= queue.Config.ServiceLevelThreshold.Ticks)
        {
            stats.AnsweredWithinThreshold++;
        }

        agent.ConsecutiveUnanswered = 0;
        agent.CallsAnswered++;
        SetWork(agent, AgentWorkState.OnCallInbound);
        if (call.CallerNumber is not null && _config.LastAgentWindow > TimeSpan.Zero)
        {
            _lastAgentByCaller[call.CallerNumber] = new LastAgentEntry(agent, _nowTicks);
        }

        Emit(new CallAnswered(call.CallId, queue.Id, agent.Id, TimeSpan.FromTicks(wait)));
        _store.SaveAgentCounters(agent.Id, agent.ToCounters());
    }

    private void StopOtherRinging(CallState call, StopRingingReason reason)
    {
        foreach (var other in call.Ringing)
        {
            Emit(new StopRinging(call.CallId, other.Id, reason));
            other.Call = null;
            SetWork(other, AgentWorkState.Idle);
        }

        call.Ringing.Clear();
    }

    private void OnOfferUnanswered(string callId, string agentId, string command, bool fromTimer)
    {
        if (!_calls.TryGetValue(callId, out var call))
        {
            Reject(command, agentId, callId, RejectionReason.UnknownCall, "Unknown call.");
            return;
        }

        if (!_agentsById.TryGetValue(agentId, out var agent))
        {
            Reject(command, agentId, callId, RejectionReason.UnknownAgent, "Unknown agent.");
            return;
        }

        if (call.Phase != CallPhase.Ringing || !call.Ringing.Contains(agent))
        {
            Reject(command, agentId, callId, RejectionReason.NotOffered, "The call is not ringing at this agent.");
            return;
        }

        call.Ringing.Remove(agent);
        (call.Declined ??= new HashSet<string>(StringComparer.Ordinal)).Add(agent.Id);
        if (fromTimer)
        {
            Emit(new StopRinging(call.CallId, agent.Id, StopRingingReason.RingTimeout));
        }

        MarkUnanswered(agent, call.Queue!);
        if (call.Ringing.Count == 0)
        {
            ReturnToQueue(call);
        }
    }

    private void MarkUnanswered(AgentState agent, QueueState queue)
    {
        agent.Call = null;
        agent.CallsUnanswered++;
        agent.ConsecutiveUnanswered++;

        // Sends the agent to the back of longest-idle so the same phone is not rung again at once.
        agent.IdleSinceTicks = _nowTicks;
        SetWork(agent, AgentWorkState.Idle);
        var limit = queue.Config.NoAnswerLimit;
        if (limit > 0 && agent.ConsecutiveUnanswered >= limit && agent.Availability == AgentAvailability.Ready)
        {
            agent.ConsecutiveUnanswered = 0;
            SetAvailability(agent, AgentAvailability.NotReady, NotReadyReasons.NoAnswer);
        }

        _store.SaveAgentCounters(agent.Id, agent.ToCounters());
    }

    /// <summary>A ringing call nobody answered goes back to waiting, unless it is due to leave the queue.</summary>
    private void ReturnToQueue(CallState call)
    {
        var queue = call.Queue!;
        if (queue.Removed)
        {
            LeaveQueue(call, queue, OverflowTarget.Voicemail, OverflowReason.QueueRemoved);
            return;
        }

        if (call.PendingOverflow is { } pending)
        {
            LeaveQueue(call, queue, pending, call.PendingReason);
            return;
        }

        // A configuration change while ringing may have removed levels.
        call.Level = Math.Min(call.Level, queue.Waiting.Length - 1);
        call.Phase = CallPhase.Waiting;
        queue.Waiting[call.Level].Add(call);
        TryOffer(call);
    }

    /// <summary>Takes a call out of its queue (if in one) and sends it to an overflow target.</summary>
    private void LeaveQueue(CallState call, QueueState queue, OverflowTarget target, OverflowReason reason)
    {
        if (call.Queue is not null)
        {
            RemoveFromQueue(call);
        }

        if (reason == OverflowReason.MaxWait)
        {
            queue.Stats.TimedOut++;
        }
        else
        {
            queue.Stats.Overflowed++;
        }

        QueueState? next = null;
        if (target.Kind == OverflowKind.Queue)
        {
            if (call.Overflows < MaxOverflowHops && _queuesById.TryGetValue(target.QueueId!, out var q) && !q.Removed)
            {
                next = q;
            }
            else
            {
                target = OverflowTarget.Voicemail;
            }
        }

        Emit(new OverflowCall(call.CallId, queue.Id, target, reason));
        if (next is not null)
        {
            call.Overflows++;
            Enqueue(call, next, allowLastAgent: false);
        }
        else
        {
            _calls.Remove(call.CallId);
        }
    }

    private static void RemoveFromQueue(CallState call)
    {
        var queue = call.Queue!;
        switch (call.Phase)
        {
            case CallPhase.Waiting:
                queue.Waiting[call.Level].Remove(call);
                break;
            case CallPhase.HeldForAgent:
                call.TargetAgent?.TargetedCalls.Remove(call);
                call.TargetAgent = null;
                call.HoldToken++;
                break;
            default:
                break;
        }

        queue.InQueue--;
        call.QueueToken++;
        call.Queue = null;
    }

    private void OnCallerHungUp(CallerHungUp c)
    {
        if (!_calls.TryGetValue(c.CallId, out var call))
        {
            Reject(c, null, c.CallId, RejectionReason.UnknownCall, "Unknown call.");
            return;
        }

        switch (call.Phase)
        {
            case CallPhase.Waiting:
            case CallPhase.HeldForAgent:
            case CallPhase.Ringing:
                Abandon(call);
                break;
            default:
                EndCall(call);
                break;
        }
    }

    private void Abandon(CallState call)
    {
        var queue = call.Queue!;
        StopOtherRinging(call, StopRingingReason.CallerHungUp);
        RemoveFromQueue(call);
        var wait = _nowTicks - call.EnqueuedTicks;
        var isShort = wait < queue.Config.ShortAbandonThreshold.Ticks;
        if (isShort)
        {
            queue.Stats.ShortAbandoned++;
        }
        else
        {
            queue.Stats.Abandoned++;
        }

        _calls.Remove(call.CallId);
        Emit(new CallAbandoned(call.CallId, queue.Id, TimeSpan.FromTicks(wait), isShort));
    }

    private void OnCallEnded(CallEnded c)
    {
        if (!_calls.TryGetValue(c.CallId, out var call))
        {
            Reject(c, null, c.CallId, RejectionReason.UnknownCall, "Unknown call.");
            return;
        }

        if (call.Phase is not (CallPhase.Connected or CallPhase.OutboundConnected or CallPhase.OutboundReserved))
        {
            Reject(c, null, c.CallId, RejectionReason.NotOnCall, $"The call is {call.Phase}, not connected.");
            return;
        }

        EndCall(call);
    }

    private void EndCall(CallState call)
    {
        _calls.Remove(call.CallId);
        var agent = call.Agent!;
        agent.Call = null;
        if (call.Phase == CallPhase.OutboundReserved)
        {
            SetWork(agent, AgentWorkState.Idle);
            return;
        }

        if (agent.Work == AgentWorkState.OnHold)
        {
            call.HoldTicks += _nowTicks - call.HoldStartedTicks;
        }

        var talk = Math.Max(0, _nowTicks - call.AnsweredTicks - call.HoldTicks);
        agent.TalkTicks += talk;
        agent.HoldTicks += call.HoldTicks;
        var queue = call.AnsweredQueue;
        var wrap = agent.Config.WrapUpTime ?? queue?.Config.WrapUpTime ?? TimeSpan.Zero;
        if (queue is not null)
        {
            queue.Stats.TalkTicks += talk;
            queue.Stats.HoldTicks += call.HoldTicks;
        }

        agent.WrapQueue = queue;
        agent.LastTalkHoldTicks = talk + call.HoldTicks;
        agent.WrapStartedTicks = _nowTicks;
        agent.WrapToken++;
        if (wrap > TimeSpan.Zero)
        {
            SetWork(agent, AgentWorkState.WrapUp);
            _timers.Schedule(_nowTicks, _nowTicks + wrap.Ticks, new TimerEntry(TimerKind.WrapUpEnd, null, agent, agent.WrapToken));
        }
        else
        {
            CompleteWrapUp(agent);
        }
    }

    private void CompleteWrapUp(AgentState agent)
    {
        agent.WrapToken++;
        var wrap = _nowTicks - agent.WrapStartedTicks;
        agent.WrapTicks += wrap;
        if (agent.WrapQueue is { } queue)
        {
            queue.Stats.WrapTicks += wrap;
            queue.Stats.Handled++;
            queue.Stats.HandleTimes.Record(TimeSpan.FromTicks(agent.LastTalkHoldTicks + wrap));
        }

        agent.WrapQueue = null;
        agent.IdleSinceTicks = _nowTicks;

        _store.SaveAgentCounters(agent.Id, agent.ToCounters());
        if (agent.Work == AgentWorkState.WrapUp)
        {
            SetWork(agent, AgentWorkState.Idle);
        }
        else
        {
            // Zero wrap-up: the agent goes straight from the call to idle.
            SetWork(agent, AgentWorkState.Idle);
        }
    }

    // ---------------------------------------------------------------- agents

    private void OnAgentRequest(AgentStateRequest c)
    {
        if (!_agentsById.TryGetValue(c.AgentId, out var agent) || agent.Removed)
        {
            Reject(c, c.AgentId, null, RejectionReason.UnknownAgent, "Unknown agent.");
            return;
        }

        if (AgentTransitions.Check(agent, c.Kind, c.Reason, _reasons) is { } reason)
        {
            Reject(c, c.AgentId, agent.Call?.CallId, reason, $"{c.Kind} is not allowed while {agent.Availability}/{agent.Work}.");
            return;
        }

        switch (c.Kind)
        {
            case AgentRequestKind.Login:
                agent.IdleSinceTicks = _nowTicks;
                agent.ConsecutiveUnanswered = 0;
                SetAvailability(agent, c.Reason is null ? AgentAvailability.Ready : AgentAvailability.NotReady, c.Reason);
                break;
            case AgentRequestKind.Logout:
                if (agent.Work == AgentWorkState.WrapUp)
                {
                    CompleteWrapUp(agent);
                }

                SetAvailability(agent, AgentAvailability.LoggedOut, null);
                foreach (var held in agent.TargetedCalls.ToArray())
                {
                    ReleaseHeldCall(held);
                }

                ApplyLeaveWhenEmpty(agent);
                break;
            case AgentRequestKind.Ready:
                agent.ConsecutiveUnanswered = 0;
                SetAvailability(agent, AgentAvailability.Ready, null);
                break;
            case AgentRequestKind.NotReady:
                SetAvailability(agent, AgentAvailability.NotReady, c.Reason);
                break;
            case AgentRequestKind.Hold:
                agent.Call!.HoldStartedTicks = _nowTicks;
                SetWork(agent, AgentWorkState.OnHold);
                break;
            case AgentRequestKind.Unhold:
                agent.Call!.HoldTicks += _nowTicks - agent.Call.HoldStartedTicks;
                SetWork(agent, agent.Call.IsOutbound ? AgentWorkState.OnCallOutbound : AgentWorkState.OnCallInbound);
                break;
            case AgentRequestKind.EndWrapUp:
                CompleteWrapUp(agent);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(c), c.Kind, null);
        }
    }

    private void ApplyLeaveWhenEmpty(AgentState agent)
    {
        foreach (var member in agent.Memberships)
        {
            var queue = member.Queue;
            if (!queue.Config.LeaveWhenEmpty || queue.LoggedInMembers > 0)
            {
                continue;
            }

            foreach (var call in _calls.Values.Where(x => x.Queue == queue && x.Phase is CallPhase.Waiting or CallPhase.HeldForAgent).ToArray())
            {
                LeaveQueue(call, queue, queue.Config.OverflowTarget, OverflowReason.QueueEmpty);
            }
        }
    }

    private void SetAvailability(AgentState agent, AgentAvailability availability, string? reason)
    {
        if (agent.Availability == availability && agent.NotReadyReason == reason)
        {
            return;
        }

        agent.Accumulate(_nowTicks);
        var wasLoggedIn = agent.IsLoggedIn;
        agent.Availability = availability;
        agent.NotReadyReason = availability == AgentAvailability.NotReady ? reason : null;
        if (wasLoggedIn != agent.IsLoggedIn)
        {
            var delta = agent.IsLoggedIn ? 1 : -1;
            foreach (var member in agent.Memberships)
            {
                member.Queue.LoggedInMembers += delta;
            }
        }

        UpdateReadyIndex(agent);
        Emit(new AgentStateChanged(agent.Id, agent.Availability, agent.NotReadyReason, agent.Work, agent.Call?.CallId));
    }

    private void SetWork(AgentState agent, AgentWorkState work)
    {
        agent.Accumulate(_nowTicks);
        agent.Work = work;
        UpdateReadyIndex(agent);
        Emit(new AgentStateChanged(agent.Id, agent.Availability, agent.NotReadyReason, agent.Work, agent.Call?.CallId));
        if (agent.Removed && work == AgentWorkState.Idle && agent.Call is null)
        {
            RetireRemovedAgent(agent);
        }
    }

    private void UpdateReadyIndex(AgentState agent)
    {
        var shouldBe = agent.IsReadyIdle;
        if (shouldBe == agent.InReadyIndex)
        {
            return;
        }

        agent.InReadyIndex = shouldBe;
        foreach (var member in agent.Memberships)
        {
            if (member.MinLevel == int.MaxValue)
            {
                continue;
            }

            if (shouldBe)
            {
                member.Queue.AddReady(member);
            }
            else if (member.ReadyIndex >= 0)
            {
                member.Queue.RemoveReady(member);
            }
        }

        if (agent.Config.Campaigns.Count > 0)
        {
            _freeForOutbound += shouldBe ? 1 : -1;
        }

        if (shouldBe)
        {
            _pendingDispatch.Add(agent);
        }
    }

    // ---------------------------------------------------------------- outbound blending

    private void OnReserveOutbound(ReserveAgentForOutbound c)
    {
        if (!_agentsById.TryGetValue(c.AgentId, out var agent) || agent.Removed)
        {
            Reject(c, c.AgentId, c.CallId, RejectionReason.UnknownAgent, "Unknown agent.");
            return;
        }

        if (_calls.ContainsKey(c.CallId))
        {
            Reject(c, c.AgentId, c.CallId, RejectionReason.DuplicateCall, "A call with this id is already known.");
            return;
        }

        // Inbound precedence: a ready idle agent never has a matching waiting inbound call (they are
        // offered at once), so only ready idle agents can be taken by the dialer.
        if (!agent.IsReadyIdle)
        {
            Reject(c, c.AgentId, c.CallId, RejectionReason.NotAvailableForOutbound, $"Agent is {agent.Availability}/{agent.Work}.");
            return;
        }

        if (!c.Direct && (c.CampaignId is not null ? !agent.Config.Campaigns.Contains(c.CampaignId) : agent.Config.Campaigns.Count == 0))
        {
            Reject(c, c.AgentId, c.CallId, RejectionReason.NotInCampaign, "Agent does not serve this campaign.");
            return;
        }

        var call = new CallState(c.CallId) { IsOutbound = true, Phase = CallPhase.OutboundReserved, ArrivedTicks = _nowTicks, Seq = ++_callSeq };
        call.Agent = agent;
        _calls.Add(call.CallId, call);
        agent.Call = call;
        agent.ReservedAtTicks = _nowTicks;
        SetWork(agent, AgentWorkState.Reserved);
        Emit(new AgentReservedForOutbound(agent.Id, call.CallId));
    }

    private void OnOutboundConnected(OutboundCallConnected c)
    {
        if (!_calls.TryGetValue(c.CallId, out var call) || call.Phase != CallPhase.OutboundReserved)
        {
            Reject(c, null, c.CallId, RejectionReason.UnknownCall, "No outbound reservation for this call.");
            return;
        }

        call.Phase = CallPhase.OutboundConnected;
        call.AnsweredTicks = _nowTicks;
        SetWork(call.Agent!, AgentWorkState.OnCallOutbound);
    }

    private void OnOutboundReleased(OutboundReservationReleased c)
    {
        if (!_calls.TryGetValue(c.CallId, out var call) || call.Phase != CallPhase.OutboundReserved)
        {
            Reject(c, null, c.CallId, RejectionReason.UnknownCall, "No outbound reservation for this call.");
            return;
        }

        EndCall(call);
    }

    // ---------------------------------------------------------------- timers and watchdog

    private void RunDueTimers(long nowTicks)
    {
        while (_timers.TryDequeueDue(nowTicks, out var entry, out var due))
        {
            // Timers run at their own due time so durations (wrap-up, waits) are exact.
            _nowTicks = Math.Max(_nowTicks, due);
            Fire(entry);
            DrainDispatch();
        }
    }

    private void Fire(TimerEntry entry)
    {
        var call = entry.Call;
        switch (entry.Kind)
        {
            case TimerKind.RingTimeout when call!.Phase == CallPhase.Ringing && call.OfferToken == entry.Token:
                foreach (var agent in call.Ringing.ToArray())
                {
                    OnOfferUnanswered(call.CallId, agent.Id, nameof(OfferTimedOut), fromTimer: true);
                }

                break;
            case TimerKind.Escalation when call!.Queue is not null && call.QueueToken == entry.Token:
                Escalate(call, entry.Arg);
                break;
            case TimerKind.MaxWait when call!.Queue is not null && call.QueueToken == entry.Token:
                LeaveOrDefer(call, call.Queue.Config.MaxWaitTarget, OverflowReason.MaxWait);
                break;
            case TimerKind.Announce when call!.Queue is { } queue && call.QueueToken == entry.Token:
                if (call.Phase is CallPhase.Waiting or CallPhase.HeldForAgent)
                {
                    AnnounceIfEnabled(call, queue);
                }

                _timers.Schedule(_nowTicks, _nowTicks + queue.Config.AnnounceInterval!.Value.Ticks, entry);
                break;
            case TimerKind.LastAgentHold when call!.Phase == CallPhase.HeldForAgent && call.HoldToken == entry.Token:
                ReleaseHeldCall(call);
                break;
            case TimerKind.WrapUpEnd when entry.Agent!.Work == AgentWorkState.WrapUp && entry.Agent.WrapToken == entry.Token:
                CompleteWrapUp(entry.Agent);
                break;
            case TimerKind.Watchdog when entry.Token == _watchdogToken:
                RunWatchdog();
                ScheduleWatchdog();
                break;
            default:
                break;
        }
    }

    private void Escalate(CallState call, int step)
    {
        var queue = call.Queue!;
        var steps = queue.Config.Escalation;
        if (step != call.NextStep || step >= steps.Count)
        {
            return;
        }

        call.NextStep = step + 1;
        if (call.NextStep < steps.Count)
        {
            _timers.Schedule(_nowTicks, call.EnqueuedTicks + steps[call.NextStep].After.Ticks, new TimerEntry(TimerKind.Escalation, call, null, call.QueueToken, call.NextStep));
        }

        var level = queue.StepLevel[step];
        if (level < 0)
        {
            LeaveOrDefer(call, steps[step].Overflow!, OverflowReason.Escalation);
            return;
        }

        if (call.Phase == CallPhase.Waiting)
        {
            queue.Waiting[call.Level].Remove(call);
            call.Level = level;
            queue.Waiting[level].Add(call);
            TryOffer(call);
        }
        else
        {
            call.Level = level;
        }
    }

    /// <summary>A ringing call finishes its offer first; it leaves when the offer fails.</summary>
    private void LeaveOrDefer(CallState call, OverflowTarget target, OverflowReason reason)
    {
        if (call.Phase == CallPhase.Ringing)
        {
            if (call.PendingOverflow is null)
            {
                call.PendingOverflow = target;
                call.PendingReason = reason;
            }

            return;
        }

        LeaveQueue(call, call.Queue!, target, reason);
    }

    private void ScheduleWatchdog()
    {
        _watchdogToken++;
        if (_config.WatchdogInterval > TimeSpan.Zero)
        {
            _timers.Schedule(_nowTicks, _nowTicks + _config.WatchdogInterval.Ticks, new TimerEntry(TimerKind.Watchdog, null, null, _watchdogToken));
        }
    }

    private void RunWatchdog()
    {
        foreach (var agent in _agents)
        {
            var call = agent.Call;
            string? problem = null;
            switch (agent.Work)
            {
                case AgentWorkState.Reserved:
                    if (call is null || !_calls.ContainsKey(call.CallId) || call.Phase is not (CallPhase.Ringing or CallPhase.OutboundReserved))
                    {
                        problem = "reserved without a live call";
                    }
                    else if (call.Phase == CallPhase.OutboundReserved && _nowTicks - agent.ReservedAtTicks > _config.OutboundReservationTimeout.Ticks)
                    {
                        problem = "outbound reservation never connected";
                    }

                    break;
                case AgentWorkState.OnCallInbound or AgentWorkState.OnCallOutbound or AgentWorkState.OnHold:
                    if (call is null || !_calls.ContainsKey(call.CallId) || call.Phase is not (CallPhase.Connected or CallPhase.OutboundConnected))
                    {
                        problem = "on a call that no longer exists";
                    }

                    break;
                default:
                    break;
            }

            if (problem is not null)
            {
                FreeAgent(agent, problem);
            }
        }

        var expired = _nowTicks - _config.LastAgentWindow.Ticks;
        foreach (var pair in _lastAgentByCaller.Where(p => p.Value.AtTicks < expired).ToArray())
        {
            _lastAgentByCaller.Remove(pair.Key);
        }
    }

    private void FreeAgent(AgentState agent, string detail)
    {
        var call = agent.Call;
        if (call is not null && _calls.TryGetValue(call.CallId, out var live) && live == call)
        {
            if (call.Phase == CallPhase.Ringing)
            {
                call.Ringing.Remove(agent);
                if (call.Ringing.Count == 0)
                {
                    ReturnToQueue(call);
                }
            }
            else
            {
                _calls.Remove(call.CallId);
            }
        }

        agent.Call = null;
        _watchdogFreed++;
        Log.WatchdogFreedAgent(_logger, agent.Id, call?.CallId, detail);
        Emit(new WatchdogFreedAgent(agent.Id, call?.CallId, detail));
        SetWork(agent, AgentWorkState.Idle);
    }

    private void OnLiveCallsReport(LiveCallsReport c)
    {
        var live = c.LiveCallIds as IReadOnlySet<string> ?? c.LiveCallIds.ToHashSet(StringComparer.Ordinal);
        foreach (var call in _calls.Values.Where(x => !live.Contains(x.CallId)).ToArray())
        {
            switch (call.Phase)
            {
                case CallPhase.Waiting or CallPhase.HeldForAgent or CallPhase.Ringing:
                    Abandon(call);
                    break;
                default:
                    var agent = call.Agent!;
                    _calls.Remove(call.CallId);
                    FreeAgent(agent, "call missing from the live-call report");
                    break;
            }
        }
    }

    // ---------------------------------------------------------------- announcements

    private void AnnounceIfEnabled(CallState call, QueueState queue)
    {
        if (!queue.Config.AnnouncePosition)
        {
            return;
        }

        var position = 1;
        foreach (var set in queue.Waiting)
        {
            foreach (var other in set)
            {
                if (CallOrderComparer.Instance.Compare(other, call) >= 0)
                {
                    break;
                }

                position++;
            }
        }

        Emit(new AnnouncePosition(call.CallId, queue.Id, position, EstimateWait(queue, position)));
    }

    /// <summary>position × average handle time ÷ logged-in members (3 min per call until there is history).</summary>
    internal static TimeSpan EstimateWait(QueueState queue, int position)
    {
        var aht = queue.Stats.Handled > 0 ? queue.Stats.AverageHandleTime : DefaultHandleTime;
        var staff = Math.Max(1, queue.LoggedInMembers);
        return TimeSpan.FromTicks(aht.Ticks * position / staff);
    }

    // ---------------------------------------------------------------- configuration

    private void OnApplyConfig(RoutingConfig config)
    {
        var errors = RoutingConfigValidator.Validate(config);
        if (errors.Count > 0)
        {
            Log.ConfigRejected(_logger, errors.Count, string.Join(" | ", errors));
            Emit(new ConfigRejected(errors));
            return;
        }

        ApplyTopology(config, RoutingStoredState.Empty);
        _configVersion++;
        Log.ConfigApplied(_logger, _configVersion, config.Queues.Count, config.Agents.Count);
        Emit(new ConfigApplied(_configVersion));
    }

    /// <summary>
    /// Builds queues, agents and memberships from a configuration while keeping live state (agent states,
    /// counters, calls) of the ids that still exist. Waiting calls are re-levelled for the new rules.
    /// </summary>
    private void ApplyTopology(RoutingConfig config, RoutingStoredState stored)
    {
        _config = config;
        _reasons = config.NotReadyReasons.ToHashSet(StringComparer.Ordinal);
        _vips = config.VipNumbers.ToHashSet(StringComparer.Ordinal);

        var queued = _calls.Values.Where(c => c.Phase is CallPhase.Waiting or CallPhase.HeldForAgent).OrderBy(c => c.Seq).ToList();
        foreach (var call in queued)
        {
            call.TargetAgent?.TargetedCalls.Remove(call);
            call.TargetAgent = null;
        }

        var keep = config.Queues.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var old in _queues.Where(q => !keep.Contains(q.Id)))
        {
            old.Removed = true;
            _queuesById.Remove(old.Id);
        }

        _queues.Clear();
        for (var i = 0; i < config.Queues.Count; i++)
        {
            var qc = config.Queues[i];
            if (_queuesById.TryGetValue(qc.Id, out var queue))
            {
                queue.Reconfigure(qc);
                queue.Index = i;
            }
            else
            {
                queue = new QueueState(qc, i);
                if (stored.RoundRobinLastAgent.TryGetValue(qc.Id, out var last))
                {
                    queue.RoundRobinLastAgentId = last;
                }

                _queuesById.Add(qc.Id, queue);
            }

            queue.Members.Clear();
            queue.Ready.Clear();
            queue.LoggedInMembers = 0;
            _queues.Add(queue);
        }

        var agentIds = config.Agents.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var old in _agents.Where(a => !agentIds.Contains(a.Id)))
        {
            // A removed agent finishes a call in progress but gets nothing new (IsReadyIdle is false).
            old.Removed = true;
            old.Memberships = [];
            if (old.Call is null)
            {
                RetireRemovedAgent(old);
            }
        }

        _agents.Clear();
        _freeForOutbound = 0;
        for (var i = 0; i < config.Agents.Count; i++)
        {
            var ac = config.Agents[i];
            if (_agentsById.TryGetValue(ac.Id, out var agent))
            {
                agent.Removed = false; // still known, possibly finishing a call after an earlier removal
            }
            else
            {
                agent = new AgentState(ac, i) { StateSinceTicks = _nowTicks, IdleSinceTicks = _nowTicks };
                if (stored.AgentCounters.TryGetValue(ac.Id, out var counters))
                {
                    agent.Restore(counters);
                }

                _agentsById[ac.Id] = agent;
            }

            agent.Config = ac;
            agent.InReadyIndex = false;
            var memberships = new List<Membership>(ac.Queues.Count);
            foreach (var qm in ac.Queues)
            {
                var queue = _queuesById[qm.QueueId];
                var minLevel = Array.FindIndex(queue.Levels, l => l.Matches(ac.Skills));
                var member = new Membership(agent, queue, qm.Tier, minLevel < 0 ? int.MaxValue : minLevel, ProficiencyFor(ac, queue.Config), queue.Members.Count);
                queue.Members.Add(member);
                memberships.Add(member);
                if (agent.IsLoggedIn)
                {
                    queue.LoggedInMembers++;
                }
            }

            agent.Memberships = memberships.ToArray();
            _agents.Add(agent);
            UpdateReadyIndex(agent);
        }

        foreach (var queue in _queues)
        {
            queue.RoundRobinLastOrder = queue.RoundRobinLastAgentId is { } id
                ? queue.Members.FindIndex(m => m.Agent.Id == id)
                : -1;
        }

        foreach (var call in queued)
        {
            Requeue(call);
        }
    }

    private void RetireRemovedAgent(AgentState agent)
    {
        agent.Accumulate(_nowTicks);
        agent.Availability = AgentAvailability.LoggedOut;
        agent.NotReadyReason = null;
        agent.Work = AgentWorkState.Idle;
        agent.WrapToken++;
        _agentsById.Remove(agent.Id);
    }

    /// <summary>Puts a waiting call back under its (possibly new) queue rules, keeping its wait so far.</summary>
    private void Requeue(CallState call)
    {
        var queue = call.Queue!;
        if (queue.Removed)
        {
            queue.InQueue--;
            call.Queue = null;
            queue.Stats.Overflowed++;
            Emit(new OverflowCall(call.CallId, queue.Id, OverflowTarget.Voicemail, OverflowReason.QueueRemoved));
            _calls.Remove(call.CallId);
            return;
        }

        var waited = _nowTicks - call.EnqueuedTicks;
        var steps = queue.Config.Escalation;
        call.QueueToken++;
        call.Level = 0;
        call.NextStep = 0;
        call.PendingOverflow = null;
        for (; call.NextStep < steps.Count && steps[call.NextStep].After.Ticks <= waited; call.NextStep++)
        {
            var level = queue.StepLevel[call.NextStep];
            if (level < 0)
            {
                call.Phase = CallPhase.Waiting; // in no set yet, so removing it is a no-op
                LeaveQueue(call, queue, steps[call.NextStep].Overflow!, OverflowReason.Escalation);
                return;
            }

            call.Level = level;
        }

        if (call.NextStep < steps.Count)
        {
            _timers.Schedule(_nowTicks, call.EnqueuedTicks + steps[call.NextStep].After.Ticks, new TimerEntry(TimerKind.Escalation, call, null, call.QueueToken, call.NextStep));
        }

        if (queue.Config.MaxWait is { } maxWait)
        {
            _timers.Schedule(_nowTicks, Math.Max(_nowTicks, call.EnqueuedTicks + maxWait.Ticks), new TimerEntry(TimerKind.MaxWait, call, null, call.QueueToken));
        }

        if (queue.Config.AnnouncePosition && queue.Config.AnnounceInterval is { } interval)
        {
            _timers.Schedule(_nowTicks, _nowTicks + interval.Ticks, new TimerEntry(TimerKind.Announce, call, null, call.QueueToken));
        }

        call.Phase = CallPhase.Waiting;
        queue.Waiting[call.Level].Add(call);
        TryOffer(call);
    }

    private static int ProficiencyFor(AgentConfig agent, QueueConfig queue)
    {
        var best = 0;
        foreach (var requirement in queue.RequiredSkills.Concat(queue.Escalation.Where(s => s.AdditionalSkill is not null).Select(s => s.AdditionalSkill!)))
        {
            best = Math.Max(best, LevelRequirement.ProficiencyOf(agent.Skills, requirement.Skill));
        }

        if (queue.RequiredSkills.Count == 0 && best == 0)
        {
            best = agent.Skills.Count == 0 ? 1 : agent.Skills.Max(s => s.Proficiency);
        }

        return best;
    }

    // ---------------------------------------------------------------- helpers

    private bool TryResolve(AcdCommand command, string callId, string agentId, out CallState call, out AgentState agent)
    {
        agent = null!;
        if (!_calls.TryGetValue(callId, out call!))
        {
            Reject(command, agentId, callId, RejectionReason.UnknownCall, "Unknown call.");
            return false;
        }

        if (!_agentsById.TryGetValue(agentId, out agent!))
        {
            Reject(command, agentId, callId, RejectionReason.UnknownAgent, "Unknown agent.");
            return false;
        }

        return true;
    }

    private void Reject(AcdCommand command, string? agentId, string? callId, RejectionReason reason, string detail) =>
        Reject(command.GetType().Name, agentId, callId, reason, detail);

    private void Reject(string command, string? agentId, string? callId, RejectionReason reason, string detail) =>
        Emit(new CommandRejected(command, agentId, callId, reason, detail));

    private void Emit(AcdOutput output)
    {
        output.Sequence = ++_sequence;
        output.At = new DateTimeOffset(_nowTicks, TimeSpan.Zero);
        _outputs.Add(output);
    }

    private readonly record struct LastAgentEntry(AgentState Agent, long AtTicks);
}
