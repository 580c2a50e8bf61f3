using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Cti.Trunks.Registration;

/// <summary>
/// The resilience around one trunk's REGISTER tries: retries with exponential backoff (and jitter) for transient
/// outcomes, inside them a circuit breaker that stops sending after repeated failures of any kind.
/// </summary>
internal static class TrunkRegistrationPipeline
{
    /// <summary>Window in which BreakAfterFailures failed tries (and no success) open the circuit.</summary>
    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(10);

    /// <param name="onRetry">Called before each retry with the attempt number (0-based) and the delay.</param>
    /// <param name="useJitter">False only in tests that check exact delays.</param>
    public static ResiliencePipeline<TrunkRegistrationResult> Create(
        TrunkRegistrationConfig config,
        TimeProvider timeProvider,
        Action<TrunkRegistrationResult, int, TimeSpan>? onRetry = null,
        bool useJitter = true)
    {
        ArgumentNullException.ThrowIfNull(config);
        var builder = new ResiliencePipelineBuilder<TrunkRegistrationResult> { TimeProvider = timeProvider };
        if (config.RetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<TrunkRegistrationResult>
            {
                MaxRetryAttempts = config.RetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = useJitter,
                Delay = config.RetryDelay,
                MaxDelay = config.RetryMaxDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is null && args.Outcome.Result.IsTransient),
                OnRetry = args =>
                {
                    onRetry?.Invoke(args.Outcome.Result, args.AttemptNumber, args.RetryDelay);
                    return default;
                },
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<TrunkRegistrationResult>
            {
                FailureRatio = 1.0,
                MinimumThroughput = config.BreakAfterFailures,
                SamplingDuration = FailureWindow,
                BreakDuration = config.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex ? ex is not OperationCanceledException : !args.Outcome.Result.IsSuccess),
            })
            .Build();
    }
}
