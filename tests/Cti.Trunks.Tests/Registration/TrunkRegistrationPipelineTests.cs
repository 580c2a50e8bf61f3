using Cti.Trunks.Registration;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace Cti.Trunks.Tests.Registration;

public sealed class TrunkRegistrationPipelineTests
{
    private static readonly TrunkRegistrationResult Timeout = new(TrunkRegistrationOutcomes.Timeout, 408, TimeSpan.Zero, null);
    private static readonly TrunkRegistrationResult Rejected = new(TrunkRegistrationOutcomes.Rejected, 403, TimeSpan.Zero, null);
    private static readonly TrunkRegistrationResult Registered = new(TrunkRegistrationOutcomes.Registered, 200, TimeSpan.FromSeconds(60), null);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Execute_TransientFailures_RetriesWithExponentialDelaysCappedAtMax()
    {
        var config = TrunkRegistrationTestConfig.Config() with { RetryAttempts = 5, RetryDelay = TimeSpan.FromSeconds(2), RetryMaxDelay = TimeSpan.FromSeconds(10), BreakAfterFailures = 100 };
        var delays = new List<TimeSpan>();
        var pipeline = TrunkRegistrationPipeline.Create(config, _time, (_, _, delay) => delays.Add(delay), useJitter: false);
        var calls = 0;

        var run = pipeline.ExecuteAsync(_ => ValueTask.FromResult(++calls < 6 ? Timeout : Registered), CancellationToken.None).AsTask();
        for (var i = 0; i < 40 && !run.IsCompleted; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        var result = await run.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(TrunkRegistrationOutcomes.Registered, result.Outcome);
        Assert.Equal(6, calls);
        Assert.Equal([2, 4, 8, 10, 10], delays.Select(d => d.TotalSeconds));
    }

    [Fact]
    public async Task Execute_PermanentFailure_NotRetried()
    {
        var pipeline = TrunkRegistrationPipeline.Create(TrunkRegistrationTestConfig.Config(), _time, useJitter: false);
        var calls = 0;

        var result = await pipeline.ExecuteAsync(_ => { calls++; return ValueTask.FromResult(Rejected); }, CancellationToken.None);

        Assert.Equal(TrunkRegistrationOutcomes.Rejected, result.Outcome);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Execute_RepeatedFailures_OpenTheCircuitForBreakDurationThenTryAgain()
    {
        var config = TrunkRegistrationTestConfig.Config() with { RetryAttempts = 0, BreakAfterFailures = 3, BreakDuration = TimeSpan.FromMinutes(2) };
        var pipeline = TrunkRegistrationPipeline.Create(config, _time, useJitter: false);
        var calls = 0;
        ValueTask<TrunkRegistrationResult> Fail(CancellationToken _)
        {
            calls++;
            return ValueTask.FromResult(Rejected);
        }

        for (var i = 0; i < 3; i++)
        {
            await pipeline.ExecuteAsync(Fail, CancellationToken.None);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        await Assert.ThrowsAsync<BrokenCircuitException>(async () => await pipeline.ExecuteAsync(Fail, CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(100));
        await Assert.ThrowsAsync<BrokenCircuitException>(async () => await pipeline.ExecuteAsync(Fail, CancellationToken.None));
        Assert.Equal(3, calls);

        _time.Advance(TimeSpan.FromSeconds(25));
        var result = await pipeline.ExecuteAsync(_ => ValueTask.FromResult(Registered), CancellationToken.None);

        Assert.Equal(TrunkRegistrationOutcomes.Registered, result.Outcome);
    }

    [Fact]
    public async Task Execute_WithJitter_DelaysStayPositiveAndBelowMax()
    {
        var config = TrunkRegistrationTestConfig.Config() with { RetryAttempts = 4, RetryDelay = TimeSpan.FromSeconds(2), RetryMaxDelay = TimeSpan.FromSeconds(20), BreakAfterFailures = 100 };
        var delays = new List<TimeSpan>();
        var pipeline = TrunkRegistrationPipeline.Create(config, _time, (_, _, delay) => delays.Add(delay));

        var run = pipeline.ExecuteAsync(_ => ValueTask.FromResult(Timeout), CancellationToken.None).AsTask();
        for (var i = 0; i < 200 && !run.IsCompleted; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        await run.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(4, delays.Count);
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(20)));
    }
}
