using System.Collections.Concurrent;
using Cti.Dialer.Campaigns;
using Cti.Dialer.Lists;
using Cti.Numbers;
using Microsoft.Extensions.Options;

namespace Cti.Campaigns;

/// <summary>
/// Hosts one <see cref="CampaignRuntime"/> per campaign. At start it writes the campaigns of <c>Cti:Dialer:Campaigns</c>
/// into SQLite (keeping each one's last run state) and starts every stored campaign; the API adds, replaces and
/// removes campaigns while running.
/// </summary>
internal sealed partial class CampaignService : BackgroundService
{
    private readonly DialerOptions _options;
    private readonly SqliteCampaignStore _campaigns;
    private readonly SqliteLeadStore _leads;
    private readonly SqliteDncStore _dnc;
    private readonly SqliteAttemptHistory _attempts;
    private readonly IDialRequestSink _sink;
    private readonly IOutboundAgentSource _agents;
    private readonly DialerMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger<CampaignService> _logger;
    private readonly ConcurrentDictionary<string, CampaignRuntime> _runtimes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _changes = new(1, 1);

    public CampaignService(
        IOptions<DialerOptions> options,
        SqliteCampaignStore campaigns,
        SqliteLeadStore leads,
        SqliteDncStore dnc,
        SqliteAttemptHistory attempts,
        IDialRequestSink sink,
        IOutboundAgentSource agents,
        DialerMetrics metrics,
        PhoneNumberNormalizer normalizer,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        _options = options.Value;
        _campaigns = campaigns;
        _leads = leads;
        _dnc = dnc;
        _attempts = attempts;
        _sink = sink;
        _agents = agents;
        _metrics = metrics;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<CampaignService>();
        Normalizer = normalizer;
    }

    public PhoneNumberNormalizer Normalizer { get; }

    public SqliteLeadStore Leads => _leads;

    public SqliteDncStore Dnc => _dnc;

    public SqliteCampaignStore Store => _campaigns;

    public IReadOnlyCollection<CampaignRuntime> Campaigns => [.. _runtimes.Values.OrderBy(r => r.Id, StringComparer.Ordinal)];

    public CampaignRuntime? Find(string campaignId) => _runtimes.GetValueOrDefault(campaignId);

    // Campaigns are ready before the HTTP server takes requests: ExecuteAsync would run them in the background.
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var stored = _campaigns.LoadAll().ToDictionary(r => r.Definition.Id, StringComparer.Ordinal);
        foreach (var definition in _options.Campaigns)
        {
            var status = stored.TryGetValue(definition.Id, out var existing) ? existing.Status : definition.InitialState.ToLowerInvariant();
            _campaigns.Save(definition, status, SqliteCampaignStore.OriginConfig);
        }

        foreach (var record in _campaigns.LoadAll())
        {
            var errors = new List<string>();
            if (CampaignDefinitionMapper.Map(record.Definition, errors) is not { } config)
            {
                Log.StoredCampaignInvalid(_logger, record.Definition.Id, string.Join(" ", errors));
                continue;
            }

            StartRuntime(record.Definition, config, CampaignDefinitionMapper.ParseState(record.Status) ?? CampaignRunState.Paused);
        }

        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        foreach (var runtime in _runtimes.Values)
        {
            await runtime.DisposeAsync();
        }

        _runtimes.Clear();
    }

    /// <summary>Creates or replaces a campaign; returns the validation errors (empty on success).</summary>
    public async Task<IReadOnlyList<string>> SaveAsync(CampaignDefinition definition, bool mustBeNew, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        if (CampaignDefinitionMapper.Map(definition, errors) is not { } config)
        {
            return errors;
        }

        await _changes.WaitAsync(cancellationToken);
        try
        {
            if (mustBeNew && _runtimes.ContainsKey(definition.Id))
            {
                return [$"id: campaign '{definition.Id}' already exists."];
            }

            // A replaced campaign restarts its loop in the state it was in; its leads and history stay in SQLite.
            var state = CampaignDefinitionMapper.InitialState(definition);
            if (_runtimes.TryRemove(definition.Id, out var old))
            {
                state = CampaignDefinitionMapper.ParseState(old.Status.State) ?? state;
                await old.DisposeAsync();
            }

            _campaigns.Save(definition, CampaignDefinitionMapper.StateName(state), SqliteCampaignStore.OriginApi);
            StartRuntime(definition, config, state);
            return [];
        }
        finally
        {
            _changes.Release();
        }
    }

    public async Task<bool> DeleteAsync(string campaignId, CancellationToken cancellationToken)
    {
        await _changes.WaitAsync(cancellationToken);
        try
        {
            if (!_runtimes.TryRemove(campaignId, out var runtime))
            {
                return false;
            }

            await runtime.DisposeAsync();
            _campaigns.Delete(campaignId);
            await Task.Run(() => _leads.DeleteCampaign(campaignId), cancellationToken);
            _metrics.Remove(campaignId);
            return true;
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Start, pause or stop; the state is stored so a restart resumes it.</summary>
    public bool SetState(string campaignId, CampaignRunState state)
    {
        if (Find(campaignId) is not { } runtime)
        {
            return false;
        }

        runtime.Post(state);
        _campaigns.SaveStatus(campaignId, CampaignDefinitionMapper.StateName(state));
        Log.StateRequested(_logger, campaignId, state);
        return true;
    }

    /// <summary>Parses, dedupes and stores a CSV list in one transaction, then hands the new leads to the campaign.</summary>
    public async Task<LeadImportResult> ImportAsync(CampaignRuntime runtime, Stream csv, string listId, LeadColumnMapping mapping, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtime);

        // Parsing and the insert transaction are CPU and disk work: keep them off the request thread.
        var result = await Task.Run(
            () =>
            {
                var batch = new LeadImportBatch(runtime.Id, _leads.GetNumbers(runtime.Id));
                var imported = new CsvLeadImporter(Normalizer, batch).Import(csv, runtime.Id, listId, mapping, defaultSource: listId);
                _leads.AddRange(runtime.Id, batch.Added);
                return imported;
            },
            cancellationToken);
        if (result.Accepted.Count > 0)
        {
            runtime.AddLeads(result.Accepted);
        }

        Log.ListImported(_logger, runtime.Id, listId, result.Accepted.Count, result.Rejected.Count);
        return result;
    }

    /// <summary>
    /// Applies an agent's disposition. A do-not-call disposition puts the number on the shared list for good,
    /// whether or not call control reported the call as live.
    /// </summary>
    public DispositionOutcome? ApplyDisposition(CampaignRuntime runtime, string? callId, string? leadId, string agentId, DispositionKind kind, DateTimeOffset? callbackAt, TimeSpan handleTime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        if (!string.IsNullOrEmpty(callId))
        {
            if (runtime.FindCall(callId) is not { } call)
            {
                return null;
            }

            leadId = call.LeadId;
        }
        else if (leadId is not null)
        {
            callId = runtime.LastCallFor(leadId);
        }

        if (leadId is null || _leads.Find(runtime.Id, leadId) is not { } row)
        {
            return null;
        }

        var dnc = false;
        if (kind == DispositionKind.DoNotCall)
        {
            _dnc.Add(row.Lead.Phone.E164, DncSources.Disposition);
            _leads.UpdateStates(runtime.Id, [new LeadStateUpdate(leadId, nameof(LeadStatus.DoNotCall), row.Attempts, null, row.LastOutcome, null)]);
            dnc = true;
            Log.DoNotCallAdded(_logger, runtime.Id, row.Lead.Phone.Masked, agentId);
        }

        if (callId is not null)
        {
            runtime.ReportDisposition(new AgentDisposition(callId, agentId, kind, handleTime, callbackAt));
        }

        return new DispositionOutcome(runtime.Id, leadId, callId, DialerApiNames.Disposition(kind), dnc);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;

    private void StartRuntime(CampaignDefinition definition, CampaignConfig config, CampaignRunState state)
    {
        var runtime = new CampaignRuntime(definition, config, _dnc, _leads, _attempts, _sink, _agents, _metrics, _time, _options.RefreshInterval, _loggers);
        _runtimes[config.CampaignId] = runtime;
        runtime.Start(state);
    }
}
