using Cti.Gateways.At;
using Cti.Gateways.Lines;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Cti.Gateways.Hosting;

/// <summary>
/// Keeps one gateway line alive: opens its port (retrying with exponential backoff while the device is missing),
/// runs the init sequence, polls health, and resets a module that stops answering — taking the line out of service
/// after <see cref="GatewayLineOptions.MaxFailuresBeforeOutOfService"/> stalls in a row. Runs the line's loop beside it.
/// </summary>
internal sealed partial class GatewayLineWorker : BackgroundService
{
    private const int AtAttempts = 3;
    private readonly GatewayLine _line;
    private readonly GatewayLineOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger<GatewayLineWorker> _logger;
    private readonly ResiliencePipeline _openPipeline;

    public GatewayLineWorker(GatewayLine line, TimeProvider timeProvider, GatewayMetrics metrics, ILogger<GatewayLineWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(line);
        _line = line;
        _options = line.Options;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
        _openPipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null and not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.ReopenInitialDelay,
                MaxDelay = _options.ReopenMaxDelay,
                OnRetry = args =>
                {
                    var reason = $"cannot open {_options.PortName}: {args.Outcome.Exception?.Message}";
                    if (args.AttemptNumber == 0)
                    {
                        _line.ReportDown(reason);
                    }

                    _metrics.CountError(_options.Name, GatewayErrorReasons.OpenFailed);
                    Log.OpenFailed(_logger, _options.Name, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.Message);
                    return default;
                },
            })
            .Build();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Leave the host's start-up path at once: opening a serial device can take a while.
        await Task.Yield();
        var loop = _line.RunAsync(stoppingToken);
        try
        {
            await SuperviseAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }

        await loop;
    }

    private async Task SuperviseAsync(CancellationToken stoppingToken)
    {
        var stalls = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (stalls >= _options.MaxFailuresBeforeOutOfService)
            {
                var reason = $"module stopped answering; {stalls} resets did not help";
                Log.OutOfService(_logger, _options.Name, reason);
                await _line.ReportOutOfServiceAsync(reason, stoppingToken);
                stalls = 0;
            }

            try
            {
                stalls = await RunOnceAsync(stalls, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // One line's unexpected failure must not stop the host; it is logged and retried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.Unexpected(_logger, _options.Name, ex);
                _line.ReportDown($"unexpected error: {ex.Message}");
                await Task.Delay(_options.ReopenMaxDelay, _timeProvider, stoppingToken);
            }
        }
    }

    private async Task<int> RunOnceAsync(int stalls, CancellationToken stoppingToken)
    {
        var port = await _openPipeline.ExecuteAsync(OpenAsync, stoppingToken);
        AtCommandExecutor? executor = null;
        executor = new AtCommandExecutor(port, line => _line.OnUnsolicited(executor!, line), _timeProvider, _logger);
        using (executor)
        {
            executor.Start();
            var outcome = await RunPortAsync(executor, stoppingToken);
            if (outcome == PortOutcome.Stalled)
            {
                stalls++;
                await ResetAsync(executor, stalls, stoppingToken);
            }
            else if (outcome == PortOutcome.Healthy)
            {
                stalls = 0;
            }
        }

        return stalls;
    }

    /// <summary>Opens the port off the caller's path; a device whose open hangs counts as a failed attempt.</summary>
    private async ValueTask<SerialLinePort> OpenAsync(CancellationToken cancellationToken)
    {
        var opening = Task.Run(() => SerialLinePort.Open(_options), CancellationToken.None);
        try
        {
            return await opening.WaitAsync(_options.InitTimeout, _timeProvider, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            _ = opening.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            throw;
        }
    }

    private enum PortOutcome
    {
        /// <summary>Lost after at least one good health poll.</summary>
        Healthy,

        /// <summary>Lost before anything was proven; stall count unchanged.</summary>
        Lost,
        Stalled,
    }

    private async Task<PortOutcome> RunPortAsync(AtCommandExecutor executor, CancellationToken stoppingToken)
    {
        var init = await InitializeAsync(executor, stoppingToken);
        if (init.Failure is { } failure)
        {
            if (IsLost(executor))
            {
                _line.ReportDown($"device lost during init: {failure}");
                return PortOutcome.Lost;
            }

            _metrics.CountError(_options.Name, GatewayErrorReasons.InitFailed);
            _line.ReportDown($"init failed: {failure}");
            return init.Stalled ? PortOutcome.Stalled : await WaitBeforeRetryAsync(stoppingToken);
        }

        _line.ReportUp(executor, init.SignalDbm, init.Registration, init.SimState);
        var proven = false;
        while (true)
        {
            var delay = Task.Delay(_options.HealthPollInterval, _timeProvider, stoppingToken);
            if (await Task.WhenAny(delay, executor.Faulted) == executor.Faulted)
            {
                var error = await executor.Faulted;
                _metrics.CountError(_options.Name, GatewayErrorReasons.PortFailure);
                _line.ReportDown($"device lost: {error.Message}");
                return proven ? PortOutcome.Healthy : PortOutcome.Lost;
            }

            await delay;
            var csq = await executor.ExecuteAsync(AtCommand.Query("AT+CSQ", "+CSQ"), _options.CommandTimeout, stoppingToken);
            if (csq.Status != AtResponseStatus.Completed)
            {
                if (IsLost(executor) || csq.Status == AtResponseStatus.PortFailed)
                {
                    _metrics.CountError(_options.Name, GatewayErrorReasons.PortFailure);
                    _line.ReportDown("device lost: no answer and the device node is gone");
                    return proven ? PortOutcome.Healthy : PortOutcome.Lost;
                }

                stoppingToken.ThrowIfCancellationRequested();
                _metrics.CountError(_options.Name, GatewayErrorReasons.Timeout);
                _line.ReportDown("module not answering");
                return PortOutcome.Stalled;
            }

            var creg = await executor.ExecuteAsync(AtCommand.Query("AT+CREG?", "+CREG"), _options.CommandTimeout, stoppingToken);
            _line.ReportHealth(
                csq.Find(AtLineKind.Csq) is { } c ? AtResponseParser.ParseCsqDbm(c) : null,
                creg.Find(AtLineKind.Creg) is { } r ? AtResponseParser.ParseCreg(r, isQueryResponse: true) : null);
            proven = true;
        }
    }

    private bool IsLost(AtCommandExecutor executor) => executor.Faulted.IsCompleted || !SerialLinePort.DeviceExists(_options.PortName);

    private async Task<PortOutcome> WaitBeforeRetryAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(_options.ReopenMaxDelay, _timeProvider, stoppingToken);
        return PortOutcome.Lost;
    }

    private async Task ResetAsync(AtCommandExecutor executor, int stalls, CancellationToken stoppingToken)
    {
        Log.Resetting(_logger, _options.Name, _options.ResetCommand, stalls, _options.MaxFailuresBeforeOutOfService);
        _metrics.CountError(_options.Name, GatewayErrorReasons.Reset);
        await executor.ExecuteAsync(new AtCommand(_options.ResetCommand), _options.CommandTimeout, stoppingToken);
        await Task.Delay(_options.ResetSettleTime, _timeProvider, stoppingToken);
    }

    private async Task<InitResult> InitializeAsync(AtCommandExecutor executor, CancellationToken stoppingToken)
    {
        var timeout = _options.InitTimeout;

        // A module that just booted or saw noise may miss the first AT; a few tries separate that from a stall.
        var alive = false;
        for (var attempt = 0; attempt < AtAttempts && !alive; attempt++)
        {
            alive = (await executor.ExecuteAsync(AtCommand.Plain("AT"), timeout, stoppingToken)).IsOk;
        }

        if (!alive)
        {
            return InitResult.Failed("no answer to AT", stalled: true);
        }

        foreach (var text in (string[])["ATE0", "AT+CMEE=2", "AT+CLIP=1"])
        {
            var response = await executor.ExecuteAsync(AtCommand.Plain(text), timeout, stoppingToken);
            if (!response.IsOk)
            {
                return InitResult.Failed($"{text}: {response.Describe()}", stalled: response.Status == AtResponseStatus.TimedOut);
            }
        }

        var creg = await executor.ExecuteAsync(AtCommand.Query("AT+CREG?", "+CREG"), timeout, stoppingToken);
        var csq = await executor.ExecuteAsync(AtCommand.Query("AT+CSQ", "+CSQ"), timeout, stoppingToken);
        var cpin = await executor.ExecuteAsync(AtCommand.Query("AT+CPIN?", "+CPIN"), timeout, stoppingToken);
        foreach (var (name, response) in (ReadOnlySpan<(string, AtResponse)>)[("AT+CREG?", creg), ("AT+CSQ", csq), ("AT+CPIN?", cpin)])
        {
            if (response.Status != AtResponseStatus.Completed)
            {
                return InitResult.Failed($"{name}: {response.Describe()}", stalled: response.Status == AtResponseStatus.TimedOut);
            }
        }

        var sim = cpin.Find(AtLineKind.Cpin) is { } p ? AtResponseParser.ParseCpin(p) : cpin.Describe();
        if (!string.Equals(sim, "READY", StringComparison.OrdinalIgnoreCase))
        {
            _metrics.CountError(_options.Name, GatewayErrorReasons.SimNotReady);
            return InitResult.Failed($"SIM not ready: {sim}", stalled: false);
        }

        return new InitResult(
            null,
            false,
            csq.Find(AtLineKind.Csq) is { } c ? AtResponseParser.ParseCsqDbm(c) : null,
            creg.Find(AtLineKind.Creg) is { } r ? AtResponseParser.ParseCreg(r, isQueryResponse: true) : null,
            sim);
    }

    private sealed record InitResult(string? Failure, bool Stalled, int? SignalDbm, NetworkRegistration? Registration, string? SimState)
    {
        public static InitResult Failed(string failure, bool stalled) => new(failure, stalled, null, null, null);
    }
}
