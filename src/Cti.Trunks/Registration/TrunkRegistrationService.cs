using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace Cti.Trunks.Registration;

/// <summary>
/// Keeps every trunk with a <c>Registration</c> section registered with its carrier: one loop per trunk registers
/// at start, refreshes at <see cref="RefreshRatio"/> of the granted time, retries through
/// <see cref="TrunkRegistrationPipeline"/> and, at shutdown, removes the binding (Expires: 0).
/// </summary>
internal sealed partial class TrunkRegistrationService : BackgroundService
{
    /// <summary>Refresh when this share of the granted time has passed, leaving the rest for retries.</summary>
    public const double RefreshRatio = 0.8;

    /// <summary>How long shutdown waits for the carriers to confirm the unregistration.</summary>
    public static readonly TimeSpan UnregisterTimeout = TimeSpan.FromSeconds(4);

    private readonly TrunkRegistrationWorker[] _workers;
    private readonly TrunkState _state;
    private readonly TrunkRegistrationMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<TrunkRegistrationService> _logger;

    public TrunkRegistrationService(
        ITrunkSignalling signalling,
        IOptions<TrunksOptions> options,
        TrunkState state,
        TrunkRegistrationMetrics metrics,
        TimeProvider time,
        ILogger<TrunkRegistrationService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _state = state;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _workers = options.Value.Trunks
            .Where(t => t.Registration is not null)
            .Select(t => CreateWorker(TrunkRegistrationConfig.From(t), signalling))
            .ToArray();
    }

    /// <summary>Names of the trunks that register.</summary>
    public IEnumerable<string> Trunks => _workers.Select(w => w.Name);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_workers.Select(w => RunAsync(w, stoppingToken)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        using var timeout = new CancellationTokenSource(UnregisterTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        await Task.WhenAll(_workers
            .Where(w => _state.GetRegistration(w.Name).State == TrunkRegistrationStates.Registered)
            .Select(w => UnregisterAsync(w, linked.Token)));
    }

    private TrunkRegistrationWorker CreateWorker(TrunkRegistrationConfig config, ITrunkSignalling signalling)
    {
        _metrics.Track(config.Trunk);
        _state.SetRegistration(config.Trunk, TrunkRegistrationStatus.Initial);
        var pipeline = TrunkRegistrationPipeline.Create(config, _time, (result, attempt, delay) =>
            Log.Retrying(_logger, config.Trunk, result.Outcome, result.StatusCode, attempt + 1, (long)delay.TotalMilliseconds));
        return new TrunkRegistrationWorker(new TrunkRegistrationClient(config, signalling), pipeline);
    }

    private async Task RunAsync(TrunkRegistrationWorker worker, CancellationToken stoppingToken)
    {
        var config = worker.Client.Config;
        try
        {
            while (true)
            {
                var result = await RegisterRoundAsync(worker, stoppingToken);
                Record(worker, result);
                var delay = result.IsSuccess
                    ? result.Granted * RefreshRatio
                    : result.Outcome == TrunkRegistrationOutcomes.CircuitOpen ? config.BreakDuration : config.RetryMaxDelay;
                await Task.Delay(delay, _time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One round: a try plus its retries, or nothing when the circuit is open.</summary>
    private async Task<TrunkRegistrationResult> RegisterRoundAsync(TrunkRegistrationWorker worker, CancellationToken cancellationToken)
    {
        try
        {
            return await worker.Pipeline.ExecuteAsync(
                static async (state, token) =>
                {
                    var (self, w) = state;
                    var result = await w.Client.RegisterAsync(token);
                    self._metrics.Count(w.Name, result.Outcome);
                    return result;
                },
                (this, worker),
                cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            _metrics.Count(worker.Name, TrunkRegistrationOutcomes.CircuitOpen);
            return new TrunkRegistrationResult(TrunkRegistrationOutcomes.CircuitOpen, null, TimeSpan.Zero, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug must not end the loop for good: report it and try again after the usual wait.
            Log.Unexpected(_logger, worker.Name, ex);
            return new TrunkRegistrationResult(TrunkRegistrationOutcomes.TransportError, null, TimeSpan.Zero, null);
        }
    }

    private void Record(TrunkRegistrationWorker worker, TrunkRegistrationResult result)
    {
        var now = _time.GetUtcNow();
        var previous = _state.GetRegistration(worker.Name);
        var peer = result.Peer?.Remote.ToString() ?? previous.Peer;
        TrunkRegistrationStatus status;
        if (result.IsSuccess)
        {
            status = new TrunkRegistrationStatus(TrunkRegistrationStates.Registered, result.StatusCode, now + result.Granted, now, peer);
            if (previous.State == TrunkRegistrationStates.Registered)
            {
                Log.Refreshed(_logger, worker.Name, peer, (long)result.Granted.TotalSeconds);
            }
            else
            {
                Log.Registered(_logger, worker.Name, peer, (long)result.Granted.TotalSeconds);
            }
        }
        else
        {
            // A binding granted earlier stays valid at the carrier until it expires, whatever the refresh did.
            var expiresAt = previous.ExpiresAt > now ? previous.ExpiresAt : null;
            status = new TrunkRegistrationStatus(TrunkRegistrationStates.Failed, result.StatusCode ?? previous.LastStatusCode, expiresAt, now, peer);
            if (result.Outcome == TrunkRegistrationOutcomes.CircuitOpen)
            {
                Log.CircuitOpen(_logger, worker.Name, (long)worker.Client.Config.BreakDuration.TotalSeconds);
            }
            else
            {
                Log.Failed(_logger, worker.Name, result.Outcome, result.StatusCode, peer);
            }
        }

        _state.SetRegistration(worker.Name, status);
        _metrics.SetState(worker.Name, status.State);
    }

    private async Task UnregisterAsync(TrunkRegistrationWorker worker, CancellationToken cancellationToken)
    {
        TrunkRegistrationResult result;
        try
        {
            result = await worker.Client.UnregisterAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            result = new TrunkRegistrationResult(TrunkRegistrationOutcomes.Timeout, null, TimeSpan.Zero, worker.Client.CurrentPeer);
        }

        _metrics.Count(worker.Name, result.Outcome);
        var peer = result.Peer?.Remote.ToString();
        if (result.IsSuccess)
        {
            Log.Unregistered(_logger, worker.Name, peer);
        }
        else
        {
            Log.UnregisterFailed(_logger, worker.Name, result.Outcome, result.StatusCode, peer);
        }

        // Either way the service no longer answers for the binding; the carrier drops it at expiry at the latest.
        _state.SetRegistration(worker.Name, new TrunkRegistrationStatus(
            TrunkRegistrationStates.Unregistered, result.StatusCode, null, _time.GetUtcNow(), peer));
        _metrics.SetState(worker.Name, TrunkRegistrationStates.Unregistered);
    }

    private sealed record TrunkRegistrationWorker(TrunkRegistrationClient Client, ResiliencePipeline<TrunkRegistrationResult> Pipeline)
    {
        public string Name => Client.Config.Trunk;
    }
}
