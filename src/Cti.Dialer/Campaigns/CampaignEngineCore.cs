using System.Globalization;
using Cti.Dialer.Compliance;
using Cti.Dialer.Lists;
using Cti.Dialer.Pacing;

namespace Cti.Dialer.Campaigns;

/// <summary>
/// The campaign's decision core, driven by one caller at a time (the <see cref="CampaignEngine"/> loop): it picks due
/// leads by priority and order, checks every compliance policy at dial time, asks the pacer how many calls to place,
/// emits dial requests and consumes outcomes and dispositions. Not thread-safe by design: a single writer owns it.
/// </summary>
public sealed class CampaignEngineCore
{
    private static readonly TimeSpan BlockedRecheck = TimeSpan.FromMinutes(15);

    private readonly TimeProvider _time;
    private readonly ComplianceChecker _compliance;
    private readonly IDncStore _dnc;
    private readonly IAttemptHistory _attempts;
    private readonly IPacer _pacer;
    private readonly Dictionary<string, LeadState> _leads = new(StringComparer.Ordinal);

    // Due leads ordered by priority (high first), then order; scheduled ones by due time; due callbacks wait for their agent.
    private readonly SortedSet<LeadState> _ready;
    private readonly PriorityQueue<LeadState, DateTimeOffset> _scheduled = new();
    private readonly Dictionary<string, (LeadState Lead, DateTimeOffset PlacedAt, string? AgentId)> _outstanding = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LeadState> _inConversation = new(StringComparer.Ordinal);
    private readonly List<LeadState> _dueCallbacks = [];
    private long _sequence;
    private long _callCounter;
    private long _dialled;
    private int _lineIndex;
    private AgentAvailability _agents = AgentAvailability.None;

    public CampaignEngineCore(
        CampaignConfig config,
        ComplianceChecker compliance,
        IDncStore dnc,
        IAttemptHistory attempts,
        TimeProvider time,
        IPacer? pacer = null)
    {
        Config = config ?? throw new ArgumentNullException(nameof(config));
        var errors = CampaignConfigValidator.Validate(config);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid campaign: " + string.Join(" ", errors), nameof(config));
        }

        _compliance = compliance ?? throw new ArgumentNullException(nameof(compliance));
        _dnc = dnc ?? throw new ArgumentNullException(nameof(dnc));
        _attempts = attempts ?? throw new ArgumentNullException(nameof(attempts));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _pacer = pacer ?? Pacers.Create(config.PacerName ?? DefaultPacer(config.Mode), config.FixedDialRatio);
        _ready = new SortedSet<LeadState>(Comparer<LeadState>.Create(CompareReady));
        AbandonRates = new AbandonRateTracker();
    }

    public CampaignConfig Config { get; }

    public CampaignRunState RunState { get; private set; } = CampaignRunState.Stopped;

    public IPacer Pacer => _pacer;

    public CallHistoryModel History { get; } = new();

    public ListStatisticsTracker ListStatistics { get; } = new();

    public AbandonRateTracker AbandonRates { get; }

    public IReadOnlyDictionary<string, long> ComplianceBlocks => _compliance.BlockCounts;

    public LeadState? GetLead(string leadId) => _leads.GetValueOrDefault(leadId);

    public void AddLeads(IEnumerable<Lead> leads)
    {
        ArgumentNullException.ThrowIfNull(leads);
        foreach (var lead in leads)
        {
            if (_leads.ContainsKey(lead.LeadId))
            {
                continue;
            }

            var state = new LeadState(lead, _sequence++);
            _leads[lead.LeadId] = state;
            _ready.Add(state);
        }
    }

    public void Start() => RunState = CampaignRunState.Running;

    public void Pause() => RunState = CampaignRunState.Paused;

    public void Stop() => RunState = CampaignRunState.Stopped;

    /// <summary>Records the ACD's latest agent picture and returns any calls to place now.</summary>
    public IReadOnlyList<DialRequest> UpdateAgents(AgentAvailability agents)
    {
        _agents = agents ?? throw new ArgumentNullException(nameof(agents));
        return Tick();
    }

    /// <summary>Places as many calls as the pacer allows. Nothing is dialled unless running with at least one agent logged in.</summary>
    public IReadOnlyList<DialRequest> Tick()
    {
        var now = _time.GetUtcNow();
        PromoteDue(now);
        if (RunState != CampaignRunState.Running || _agents.LoggedIn <= 0)
        {
            return [];
        }

        var requests = new List<DialRequest>();
        var freeAgents = new List<string>(_agents.FreeAgentIds);

        // Due callbacks go to the agent who scheduled them, and only when that agent is free.
        foreach (var callback in _dueCallbacks.ToList())
        {
            if (callback.CallbackAgentId is { } agent && freeAgents.Remove(agent))
            {
                _dueCallbacks.Remove(callback);
                if (TryDial(callback, now, agent, preview: false) is { } request)
                {
                    requests.Add(request);
                }
                else
                {
                    freeAgents.Add(agent);
                }
            }
        }

        // The pacer holds the target over the window of the formula the campaign answers to; for Ofcom the estimated AMD
        // false positives count as abandoned live calls.
        var running = AbandonRates.Totals(now, AbandonRateFormulas.Window(Config.AbandonFormula));
        var falsePositives = Config.AbandonFormula == AbandonFormula.UkOfcom
            ? (long)Math.Ceiling(running.Machine * AbandonRates.AmdFalsePositiveRate)
            : 0;
        var snapshot = new PacingSnapshot
        {
            Now = now - DateTimeOffset.UnixEpoch,
            LoggedInAgents = _agents.LoggedIn,
            FreeAgents = freeAgents.Count,
            BusyAgentElapsed = _agents.BusyAgentElapsed,
            DialingCallAges = _outstanding.Values.Where(o => o.AgentId is null).Select(o => now - o.PlacedAt).ToList(),
            AnsweredWaiting = _agents.AnsweredWaiting,
            LiveAnswered = running.Live + falsePositives,
            Abandoned = running.Abandoned + falsePositives,
            AbandonCap = Config.AbandonRateCap,
            AbandonTarget = Config.AbandonTarget,
            History = History,
        };

        var wanted = _pacer.CallsToPlace(snapshot);
        var preview = Config.Mode == CampaignMode.Preview || _pacer.Name == Pacers.Preview;
        while (wanted > 0 && NextPending() is { } lead)
        {
            string? agent = null;
            if (preview)
            {
                if (freeAgents.Count == 0)
                {
                    _ready.Add(lead);
                    break;
                }

                agent = freeAgents[0];
                freeAgents.RemoveAt(0);
            }

            if (TryDial(lead, now, agent, preview) is { } request)
            {
                requests.Add(request);
                wanted--;
            }
        }

        return requests;
    }

    /// <summary>Applies call control's outcome for a dial request.</summary>
    public void ReportOutcome(CallOutcomeReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!_outstanding.Remove(report.CallId, out var call))
        {
            return;
        }

        var now = _time.GetUtcNow();
        var lead = call.Lead;
        lead.LastOutcome = report.Outcome;
        var liveToDialer = report.Outcome is CallOutcome.AnsweredLive or CallOutcome.Abandoned;
        if (call.AgentId is null)
        {
            History.RecordCallResolved(report.RingTime, liveToDialer);
        }

        switch (report.Outcome)
        {
            case CallOutcome.AnsweredLive:
                AbandonRates.RecordLiveAnswered(now);
                ListStatistics.RecordContacted(lead.Lead);
                lead.Status = LeadStatus.InConversation;
                _inConversation[report.CallId] = lead;
                break;
            case CallOutcome.Abandoned:
                AbandonRates.RecordAbandoned(now);
                _attempts.RecordAbandoned(lead.Lead.Phone.E164, now);
                var block = Config.Retry.DelayFor(RetryReason.Abandoned) ?? Config.AbandonedRedialBlock;
                Reschedule(lead, now + (block > Config.AbandonedRedialBlock ? block : Config.AbandonedRedialBlock));
                break;
            case CallOutcome.AnsweredMachine:
                AbandonRates.RecordMachineClassified(now);
                Retry(lead, RetryReason.AnsweringMachine, now);
                break;
            case CallOutcome.Busy:
                Retry(lead, RetryReason.Busy, now);
                break;
            case CallOutcome.NoAnswer:
                Retry(lead, RetryReason.NoAnswer, now);
                break;
            case CallOutcome.NetworkFailure:
                Retry(lead, RetryReason.NetworkFailure, now);
                break;
            case CallOutcome.Invalid:
                ListStatistics.RecordInvalid(lead.Lead);
                _attempts.MarkInvalid(lead.Lead.Phone.E164, report.SipStatus ?? 404);
                lead.Status = LeadStatus.Invalid;
                break;
        }
    }

    /// <summary>Applies the agent's disposition of a live call.</summary>
    public void ReportDisposition(AgentDisposition disposition)
    {
        ArgumentNullException.ThrowIfNull(disposition);
        if (!_inConversation.Remove(disposition.CallId, out var lead))
        {
            return;
        }

        History.RecordService(disposition.HandleTime);
        switch (disposition.Kind)
        {
            case DispositionKind.Success:
                ListStatistics.RecordSuccess(lead.Lead);
                lead.Status = LeadStatus.Success;
                break;
            case DispositionKind.Callback when disposition.CallbackAt is { } at:
                lead.Status = LeadStatus.Callback;
                lead.CallbackAgentId = disposition.AgentId;
                lead.NextDueAt = at;
                _scheduled.Enqueue(lead, at);
                break;
            case DispositionKind.DoNotCall:
                _dnc.Add(lead.Lead.Phone.E164, "disposition");
                lead.Status = LeadStatus.DoNotCall;
                break;
            default:
                lead.Status = LeadStatus.Closed;
                break;
        }
    }

    public CampaignStatistics GetStatistics()
    {
        var now = _time.GetUtcNow();
        var totals = AbandonRates.Totals(now, TimeSpan.FromDays(30));
        return new CampaignStatistics(
            _dialled,
            totals.Live,
            totals.Abandoned,
            AbandonRates.UsTsrRate30Days(now),
            AbandonRates.OfcomRate24Hours(now),
            AbandonRates.UsTsrRate24Hours(now),
            new Dictionary<string, long>(_compliance.BlockCounts, StringComparer.Ordinal),
            _ready.Count + _scheduled.Count + _dueCallbacks.Count,
            _outstanding.Count + _inConversation.Count);
    }

    private static string DefaultPacer(CampaignMode mode) => mode switch
    {
        CampaignMode.Preview => Pacers.Preview,
        CampaignMode.Predictive => Pacers.Predictive,
        _ => Pacers.Progressive,
    };

    private int CompareReady(LeadState? x, LeadState? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        var c = y!.Lead.Priority.CompareTo(x!.Lead.Priority);
        if (c == 0 && Config.Order == LeadOrder.FewestAttemptsFirst)
        {
            c = x.Attempts.CompareTo(y.Attempts);
        }

        return c != 0 ? c : x.Sequence.CompareTo(y.Sequence);
    }

    private void PromoteDue(DateTimeOffset now)
    {
        while (_scheduled.TryPeek(out var lead, out var due) && due <= now)
        {
            _scheduled.Dequeue();
            if (lead.NextDueAt != due)
            {
                continue;
            }

            if (lead.Status == LeadStatus.Pending)
            {
                _ready.Add(lead);
            }
            else if (lead.Status == LeadStatus.Callback)
            {
                _dueCallbacks.Add(lead);
            }
        }
    }

    private LeadState? NextPending()
    {
        foreach (var lead in _ready)
        {
            if (lead.Status == LeadStatus.Pending)
            {
                _ready.Remove(lead);
                return lead;
            }
        }

        return null;
    }

    private DialRequest? TryDial(LeadState lead, DateTimeOffset now, string? agentId, bool preview)
    {
        var ringTimeout = Config.RingTimeout < Config.MinimumRingTimeout ? Config.MinimumRingTimeout : Config.RingTimeout;
        var verdict = _compliance.Check(new DialContext(lead.Lead, Config, now, ringTimeout, lead.Attempts));
        if (!verdict.Allowed)
        {
            lead.LastBlockReason = verdict.Reason;
            if (verdict.Permanent)
            {
                lead.Status = verdict.Policy switch
                {
                    CompliancePolicies.DoNotCall => LeadStatus.DoNotCall,
                    CompliancePolicies.InvalidNumber => LeadStatus.Invalid,
                    _ => LeadStatus.Exhausted,
                };
            }
            else
            {
                var retryAt = verdict.RetryAfter ?? now + BlockedRecheck;
                lead.NextDueAt = retryAt;
                _scheduled.Enqueue(lead, retryAt);
            }

            return null;
        }

        lead.Attempts++;
        lead.Status = LeadStatus.Dialing;
        lead.LastBlockReason = null;
        _attempts.RecordAttempt(lead.Lead.LeadId, lead.Lead.Phone.E164, now);
        ListStatistics.RecordDialled(lead.Lead);
        _dialled++;
        var callId = string.Create(CultureInfo.InvariantCulture, $"{Config.CampaignId}-{++_callCounter}");
        _outstanding[callId] = (lead, now, agentId);
        var line = Config.LineGroups[_lineIndex++ % Config.LineGroups.Count];
        return new DialRequest(callId, Config.CampaignId, lead.Lead.LeadId, lead.Lead.Phone.E164, lead.Lead.Phone.Masked, Config.CallerId, line, ringTimeout, agentId, preview, lead.Attempts);
    }

    private void Retry(LeadState lead, RetryReason reason, DateTimeOffset now)
    {
        var delay = Config.Retry.DelayFor(reason);
        if (delay is null || lead.Attempts >= Config.MaxAttemptsPerLead)
        {
            lead.Status = LeadStatus.Exhausted;
            return;
        }

        Reschedule(lead, now + delay.Value);
    }

    private void Reschedule(LeadState lead, DateTimeOffset due)
    {
        if (lead.Attempts >= Config.MaxAttemptsPerLead)
        {
            lead.Status = LeadStatus.Exhausted;
            return;
        }

        lead.Status = LeadStatus.Pending;
        lead.NextDueAt = due;
        _scheduled.Enqueue(lead, due);
    }
}
