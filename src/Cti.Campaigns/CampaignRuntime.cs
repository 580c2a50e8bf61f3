using System.Collections.Concurrent;
using Cti.Dialer.Campaigns;
using Cti.Dialer.Compliance;
using Cti.Dialer.Lists;
using Cti.Dialer.Numbers;

namespace Cti.Campaigns;

/// <summary>
/// One campaign in the service: its <see cref="CampaignEngine"/> loop, a consumer handing dial requests to the
/// <see cref="IDialRequestSink"/>, and a refresh loop that polls agents, copies live figures off the engine loop
/// (through <see cref="CampaignCommand.Inspect"/>) and writes lead state and attempts to SQLite in batches.
/// </summary>
internal sealed partial class CampaignRuntime : IAsyncDisposable, IDialOutcomeSink
{
    private const int FullSweepEvery = 30;
    private static readonly TimeSpan InspectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);
    private static readonly TimeSpan Month = TimeSpan.FromDays(30);

    private readonly CampaignEngine _engine;
    private readonly SqliteLeadStore _leads;
    private readonly SqliteAttemptHistory _attempts;
    private readonly IDialRequestSink _sink;
    private readonly IOutboundAgentSource _agentSource;
    private readonly DialerMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refreshInterval;
    private readonly ILogger<CampaignRuntime> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, DialRequest> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _lastCallByLead = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly List<string> _knownLeadIds = [];
    private readonly Lock _gate = new();
    private AgentAvailability _agents = AgentAvailability.None;
    private long _answeredSeen;
    private long _abandonedSeen;
    private Dictionary<string, long> _blocksSeen = new(StringComparer.Ordinal);
    private Task _loop = Task.CompletedTask;
    private Task _consumer = Task.CompletedTask;
    private Task _refresher = Task.CompletedTask;
    private int _refreshCount;

    public CampaignRuntime(
        CampaignDefinition definition,
        CampaignConfig config,
        IDncStore dnc,
        SqliteLeadStore leads,
        SqliteAttemptHistory attempts,
        IDialRequestSink sink,
        IOutboundAgentSource agentSource,
        DialerMetrics metrics,
        TimeProvider time,
        TimeSpan refreshInterval,
        ILoggerFactory loggers)
    {
        Definition = definition;
        Config = config;
        _leads = leads;
        _attempts = attempts;
        _sink = sink;
        _agentSource = agentSource;
        _metrics = metrics;
        _time = time;
        _refreshInterval = refreshInterval;
        _logger = loggers.CreateLogger<CampaignRuntime>();

        // Each campaign gets its own checker and resolver: both keep state that only the campaign's loop touches.
        var compliance = ComplianceChecker.CreateDefault(dnc, attempts, new NumberTimeZoneResolver());
        var core = new CampaignEngineCore(config, compliance, dnc, attempts, time);
        _engine = new CampaignEngine(core, time, loggers.CreateLogger<CampaignEngine>(), refreshInterval);
        Status = EmptyStatus(CampaignRunState.Stopped);
    }

    public CampaignDefinition Definition { get; }

    public CampaignConfig Config { get; }

    public string Id => Config.CampaignId;

    /// <summary>The figures of the last refresh; <see cref="GetStatusAsync"/> asks the loop for fresh ones.</summary>
    public CampaignLiveStatus Status { get; private set; }

    /// <summary>Loads the campaign's open leads from SQLite, applies the initial state and starts the loops.</summary>
    public void Start(CampaignRunState initialState)
    {
        // The loop is not running yet, so the core may be filled directly.
        var open = _leads.GetOpenLeads(Id);
        _engine.Core.AddLeads(open);
        _knownLeadIds.AddRange(open.Select(l => l.LeadId));
        Post(initialState);
        _loop = _engine.RunAsync(CancellationToken.None);
        _consumer = ConsumeAsync();
        _refresher = RefreshLoopAsync(_stopping.Token);
        Log.Started(_logger, Id, open.Count, initialState);
    }

    public void Post(CampaignRunState state) => _engine.Post(state switch
    {
        CampaignRunState.Running => new CampaignCommand.Start(),
        CampaignRunState.Paused => new CampaignCommand.Pause(),
        _ => new CampaignCommand.Stop(),
    });

    /// <summary>Hands freshly imported (already stored) leads to the running loop.</summary>
    public void AddLeads(IReadOnlyList<Lead> leads)
    {
        lock (_gate)
        {
            _knownLeadIds.AddRange(leads.Select(l => l.LeadId));
        }

        _engine.Post(new CampaignCommand.AddLeads(leads));
    }

    public DialRequest? FindCall(string callId) => _calls.GetValueOrDefault(callId);

    public string? LastCallFor(string leadId) => _lastCallByLead.GetValueOrDefault(leadId);

    public void ReportDisposition(AgentDisposition disposition)
    {
        if (_calls.TryGetValue(disposition.CallId, out var call))
        {
            MarkDirty(call.LeadId);
        }

        _engine.Post(new CampaignCommand.Disposition(disposition));
    }

    void IDialOutcomeSink.Report(CallOutcomeReport report) => ReportOutcome(report);

    async ValueTask<IReadOnlyList<string>> IDialOutcomeSink.FreeAgentsAsync(CancellationToken cancellationToken) =>
        (await _agentSource.GetAvailabilityAsync(Config, cancellationToken)).FreeAgentIds;

    public void ReportOutcome(CallOutcomeReport report)
    {
        if (_calls.TryGetValue(report.CallId, out var call))
        {
            MarkDirty(call.LeadId);
        }

        _engine.Post(new CampaignCommand.Outcome(report));
    }

    /// <summary>Fresh figures from the loop; the last known ones when the loop does not answer in time.</summary>
    public async Task<CampaignLiveStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        var capture = await CaptureAsync(takeDirty: false, sweepAll: false, cancellationToken);
        return capture?.Status ?? Status;
    }

    /// <summary>One refresh: poll agents, copy figures and changed leads off the loop, write them, update metrics.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var availability = await _agentSource.GetAvailabilityAsync(Config, cancellationToken);
        _agents = availability;
        _engine.Post(new CampaignCommand.AgentsChanged(availability));
        var sweep = ++_refreshCount % FullSweepEvery == 0;
        var capture = await CaptureAsync(takeDirty: true, sweepAll: sweep, cancellationToken);
        if (capture is not null)
        {
            Persist(capture);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _refresher;
        }
        catch (OperationCanceledException)
        {
        }

        _engine.Complete();
        await _loop;
        await _consumer;

        // The loop has ended, so the core can be read directly for the final write.
        Persist(Snapshot(_engine.Core, takeDirty: true, sweepAll: true));
        await _engine.DisposeAsync();
        _stopping.Dispose();
    }

    private void MarkDirty(string leadId)
    {
        lock (_gate)
        {
            _dirty.Add(leadId);
        }
    }

    private async Task ConsumeAsync()
    {
        await foreach (var request in _engine.DialRequests.ReadAllAsync())
        {
            _calls[request.CallId] = request;
            _lastCallByLead[request.LeadId] = request.CallId;
            MarkDirty(request.LeadId);
            _metrics.Placed(Id, request.Attempt == 1);
            _sink.Accept(request, this);
        }
    }

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed refresh (e.g. a locked database) is logged; the next one retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.RefreshFailed(_logger, ex, Id);
            }

            await Task.Delay(_refreshInterval, _time, cancellationToken);
        }
    }

    private async Task<Capture?> CaptureAsync(bool takeDirty, bool sweepAll, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<Capture>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_engine.Post(new CampaignCommand.Inspect(core => done.TrySetResult(Snapshot(core, takeDirty, sweepAll)))))
        {
            return null;
        }

        try
        {
            return await done.Task.WaitAsync(InspectTimeout, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    // Runs on the engine loop (or after it stopped): copies everything needed, writes nothing.
    private Capture Snapshot(CampaignEngineCore core, bool takeDirty, bool sweepAll)
    {
        var now = _time.GetUtcNow();
        var stats = core.GetStatistics();
        var day = core.AbandonRates.Totals(now, Day);
        var month = core.AbandonRates.Totals(now, Month);
        var rates = new AbandonRateView(
            AbandonRateFormulas.UsTsr(day.Abandoned, day.Live),
            AbandonRateFormulas.UsTsr(month.Abandoned, month.Live),
            AbandonRateFormulas.UkOfcom(day.Abandoned, day.Live, day.Machine, core.AbandonRates.AmdFalsePositiveRate),
            AbandonRateFormulas.UkOfcom(month.Abandoned, month.Live, month.Machine, core.AbandonRates.AmdFalsePositiveRate));

        var updates = new List<LeadStateUpdate>();
        if (takeDirty)
        {
            string[] ids;
            lock (_gate)
            {
                ids = sweepAll ? [.. _knownLeadIds] : [.. _dirty];
                _dirty.Clear();
            }

            foreach (var id in ids)
            {
                if (core.GetLead(id) is { } lead)
                {
                    updates.Add(new LeadStateUpdate(
                        id,
                        lead.Status.ToString(),
                        lead.Attempts,
                        lead.NextDueAt == DateTimeOffset.MinValue ? null : lead.NextDueAt,
                        lead.LastOutcome?.ToString(),
                        lead.CallbackAgentId));
                }
            }
        }

        var agents = _agents;
        var pending = _sink.Pending(Id);
        var status = new CampaignLiveStatus(
            Id,
            Config.Mode.ToString().ToLowerInvariant(),
            CampaignDefinitionMapper.StateName(core.RunState),
            agents.LoggedIn > 0 ? (double)stats.OutstandingCalls / agents.LoggedIn : 0,
            stats.PendingLeads,
            stats.Dialled,
            stats.LiveAnswered,
            stats.Abandoned,
            rates,
            stats.ComplianceBlocks,
            agents.LoggedIn,
            agents.FreeAgentIds.Count,
            stats.OutstandingCalls,
            pending.Count,
            [.. pending.TakeLast(20).Select(p => new PendingDialView(p.CallId, p.LeadId, p.MaskedNumber, p.LineGroup, p.AgentId, p.Attempt))],
            _sink is PendingDialRequestSink
                ? "held: calls are placed once call control is part of the service; requests stay pending"
                : _sink.Name);
        return new Capture(status, updates);
    }

    private void Persist(Capture capture)
    {
        _leads.UpdateStates(Id, capture.Updates);
        _attempts.Flush();

        var status = capture.Status;
        if (status.CallsAnswered > _answeredSeen)
        {
            _metrics.Answered(Id, status.CallsAnswered - _answeredSeen);
            _answeredSeen = status.CallsAnswered;
        }

        if (status.CallsAbandoned > _abandonedSeen)
        {
            _metrics.Abandoned(Id, status.CallsAbandoned - _abandonedSeen);
            _abandonedSeen = status.CallsAbandoned;
        }

        foreach (var (policy, count) in status.BlocksByPolicy)
        {
            var seen = _blocksSeen.GetValueOrDefault(policy);
            if (count > seen)
            {
                _metrics.Blocked(Id, policy, count - seen);
            }
        }

        _blocksSeen = new Dictionary<string, long>(status.BlocksByPolicy, StringComparer.Ordinal);
        _metrics.SetStatus(status);
        Status = status;
    }

    private CampaignLiveStatus EmptyStatus(CampaignRunState state) => new(
        Id, Config.Mode.ToString().ToLowerInvariant(), CampaignDefinitionMapper.StateName(state), 0, 0, 0, 0, 0,
        AbandonRateView.Zero, new Dictionary<string, long>(), 0, 0, 0, 0, [], string.Empty);

    private sealed record Capture(CampaignLiveStatus Status, IReadOnlyList<LeadStateUpdate> Updates);
}
