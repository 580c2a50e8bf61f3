using Cti.Platform.Metrics;
using Cti.Trunks;
using Cti.Trunks.Registration;
using Cti.Sip.Messages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cti.Trunks.Tests.Registration;

/// <summary>The registration loops on fake time: refresh timing, failure waits, circuit breaking and unregistration.</summary>
public sealed class TrunkRegistrationServiceTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly TrunkState _state = new();
    private readonly TrunkRegistrationMetrics _metrics = new(new CtiMetrics().Factory);

    private (TrunkRegistrationService Service, ScriptedTrunkSignalling Signalling) Create(Func<SipRequest, SipResponse> responder, params TrunkOptions[] trunks)
    {
        var signalling = new ScriptedTrunkSignalling(_time, responder);
        var options = new TrunksOptions();
        foreach (var trunk in trunks.Length == 0 ? [TrunkRegistrationTestConfig.Trunk()] : trunks)
        {
            options.Trunks.Add(trunk);
        }

        var service = new TrunkRegistrationService(
            signalling, Microsoft.Extensions.Options.Options.Create(options), _state, _metrics, _time, NullLogger<TrunkRegistrationService>.Instance);
        return (service, signalling);
    }

    // Started off the test's synchronisation context so the loop's continuations run as fake time fires them.
    private static Task StartAsync(TrunkRegistrationService service) => Task.Run(() => service.StartAsync(CancellationToken.None));

    private static async Task<ScriptedTrunkSignalling.SentRequest> NextAsync(ScriptedTrunkSignalling signalling) =>
        await signalling.Sent.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Advances fake time a second at a time until the next REGISTER is sent; fails after <paramref name="limit"/>.</summary>
    private async Task<ScriptedTrunkSignalling.SentRequest> AdvanceUntilNextAsync(ScriptedTrunkSignalling signalling, TimeSpan limit)
    {
        var start = _time.GetUtcNow();
        while (_time.GetUtcNow() - start <= limit)
        {
            if (signalling.Sent.TryRead(out var sent))
            {
                return sent;
            }

            _time.Advance(Step);
            using var brief = new CancellationTokenSource(TimeSpan.FromMilliseconds(30));
            try
            {
                await signalling.Sent.WaitToReadAsync(brief.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        throw new Xunit.Sdk.XunitException($"no REGISTER within {limit}");
    }

    private async Task WaitForStateAsync(string trunk, string state)
    {
        for (var i = 0; i < 500 && _state.GetRegistration(trunk).State != state; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(state, _state.GetRegistration(trunk).State);
    }

    [Fact]
    public async Task Start_Registered_RefreshesAtEightyPercentOfGrantedTime()
    {
        var (service, signalling) = Create(r => ScriptedTrunkSignalling.Ok(r, contactExpires: 100));
        await StartAsync(service);

        var first = await NextAsync(signalling);
        await WaitForStateAsync("carrier-a", TrunkRegistrationStates.Registered);
        var status = _state.GetRegistration("carrier-a");
        var refresh = await AdvanceUntilNextAsync(signalling, TimeSpan.FromSeconds(120));

        Assert.InRange((refresh.At - first.At).TotalSeconds, 79, 81);
        Assert.Equal(first.Request.CallId, refresh.Request.CallId);
        Assert.True(refresh.Request.CSeq!.Number > first.Request.CSeq!.Number);
        Assert.Equal(200, status.LastStatusCode);
        Assert.Equal(first.At + TimeSpan.FromSeconds(100), status.ExpiresAt);
        Assert.Equal(1, _metrics.StateValue("carrier-a"));
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Start_CarrierSilent_RetriesOverPeersThenWaitsRetryMaxDelayAndReportsFailed()
    {
        var trunk = TrunkRegistrationTestConfig.Trunk("carrier-a", "127.0.0.1:5090", "127.0.0.2:5091");
        var (service, signalling) = Create(r => SipResponseFactory.Create(r, 408, null, "x"), trunk);
        await StartAsync(service);

        var first = await NextAsync(signalling);
        var retries = new List<ScriptedTrunkSignalling.SentRequest>();
        for (var i = 0; i < 3; i++)
        {
            retries.Add(await AdvanceUntilNextAsync(signalling, TimeSpan.FromSeconds(30)));
        }

        await WaitForStateAsync("carrier-a", TrunkRegistrationStates.Failed);
        var nextRound = await AdvanceUntilNextAsync(signalling, TimeSpan.FromSeconds(40));

        Assert.Equal([5090, 5091, 5090, 5091], new[] { first }.Concat(retries).Select(s => s.Destination.Remote.Port));
        Assert.True(retries[^1].At - first.At <= TimeSpan.FromSeconds(3 * 30), "retries exceed their cap");
        Assert.InRange((nextRound.At - retries[^1].At).TotalSeconds, 29, 31);
        Assert.Equal(408, _state.GetRegistration("carrier-a").LastStatusCode);
        Assert.Equal(2, _metrics.StateValue("carrier-a"));
        Assert.True(_metrics.CountValue("carrier-a", TrunkRegistrationOutcomes.Timeout) >= 5);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Start_WrongPassword_CircuitOpensAndStopsSendingForBreakDuration()
    {
        var trunk = TrunkRegistrationTestConfig.Trunk();
        trunk.Registration!.BreakAfterFailures = 2;
        trunk.Registration.BreakDuration = TimeSpan.FromMinutes(5);
        var (service, signalling) = Create(r => SipResponseFactory.Create(r, 403, null, "x"), trunk);
        await StartAsync(service);

        await NextAsync(signalling);
        await AdvanceUntilNextAsync(signalling, TimeSpan.FromSeconds(31));
        for (var i = 0; i < 500 && _metrics.CountValue("carrier-a", TrunkRegistrationOutcomes.CircuitOpen) == 0; i++)
        {
            _time.Advance(Step);
            await Task.Delay(1);
        }

        var sentBefore = signalling.All.Count;
        _time.Advance(TimeSpan.FromSeconds(200));
        await Task.Delay(50);

        Assert.Equal(1, _metrics.CountValue("carrier-a", TrunkRegistrationOutcomes.CircuitOpen));
        Assert.Equal(sentBefore, signalling.All.Count);
        Assert.Equal(2, sentBefore);
        Assert.Equal(TrunkRegistrationStates.Failed, _state.GetRegistration("carrier-a").State);
        var afterBreak = await AdvanceUntilNextAsync(signalling, TimeSpan.FromSeconds(120));
        Assert.NotEqual(0u, afterBreak.Request.Expires);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Stop_Registered_SendsExpiresZeroAndReportsUnregistered()
    {
        var (service, signalling) = Create(r => ScriptedTrunkSignalling.Ok(r));
        await StartAsync(service);
        await NextAsync(signalling);
        await WaitForStateAsync("carrier-a", TrunkRegistrationStates.Registered);

        await service.StopAsync(CancellationToken.None);

        var last = signalling.All[^1].Request;
        Assert.Equal(0u, last.Expires);
        Assert.Equal(2, signalling.All.Count);
        Assert.Equal(TrunkRegistrationStates.Unregistered, _state.GetRegistration("carrier-a").State);
        Assert.Null(_state.GetRegistration("carrier-a").ExpiresAt);
        Assert.Equal(0, _metrics.StateValue("carrier-a"));
        Assert.Equal(1, _metrics.CountValue("carrier-a", TrunkRegistrationOutcomes.Unregistered));
    }

    [Fact]
    public async Task Start_TrunkWithoutRegistration_SendsNothing()
    {
        var plain = TrunksOptionsValidatorTests.ValidTrunk("plain");
        var (service, signalling) = Create(r => ScriptedTrunkSignalling.Ok(r), plain);
        await StartAsync(service);
        _time.Advance(TimeSpan.FromMinutes(10));
        await service.StopAsync(CancellationToken.None);

        Assert.Empty(signalling.All);
        Assert.Empty(service.Trunks);
    }
}
