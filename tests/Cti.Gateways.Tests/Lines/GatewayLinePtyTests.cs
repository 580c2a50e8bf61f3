using Cti.Gateways.At;
using Cti.Gateways.Hosting;
using Cti.Gateways.Lines;
using Cti.Gateways.Tests.TestKit;
using Cti.ModemSimulator;

namespace Cti.Gateways.Tests.Lines;

[Collection(GatewayPtyCollection.Name)]
public sealed class GatewayLinePtyTests
{
    private static readonly TimeSpan RingTimeout = TimeSpan.FromSeconds(3);

    private static CancellationToken Bounded => new CancellationTokenSource(TimeSpan.FromSeconds(8)).Token;

    [Fact]
    public async Task Start_InitSequence_LineUpWithHealthAndEchoOff()
    {
        await using var rig = await GatewayRig.StartAsync();

        var state = rig.Line.State;
        Assert.Equal(GatewayLineStatus.Up, state.Status);
        Assert.Equal(-113 + (2 * 20), state.SignalDbm);
        Assert.Equal(NetworkRegistration.RegisteredHome, state.Registration);
        Assert.Equal("READY", state.SimState);
        Assert.False(rig.Modem.EchoEnabled);
        var commands = rig.Modem.ReceivedCommands.ToList();
        var expected = new[] { "AT", "ATE0", "AT+CMEE=2", "AT+CLIP=1", "AT+CREG?", "AT+CSQ", "AT+CPIN?" };
        Assert.Equal(expected, commands.Take(expected.Length));
    }

    [Theory]
    [InlineData("+8613800138000", "Busy")]
    [InlineData("+8613800138001", "NoAnswer")]
    [InlineData("+8613800138002", "Answered")]
    [InlineData("+8613800138003", "NetworkError")]
    [InlineData("+8613800138004", "NoCarrier")]
    [InlineData("+8613800138005", "NoDialTone")]
    [InlineData("+8613800138008", "Answered")]
    [InlineData("+8613800138009", "NetworkError")]
    public async Task DialAsync_ResultCode_MapsToOutcome(string number, string outcome)
    {
        var expected = Enum.Parse<GatewayDialOutcome>(outcome);
        await using var rig = await GatewayRig.StartAsync();

        var result = await rig.Line.DialAsync(number, RingTimeout, Bounded).WaitAsync(GatewayRig.Wait);

        Assert.Equal(expected, result.Outcome);
        Assert.Contains($"ATD{number};", rig.Modem.ReceivedCommands);
        Assert.Equal(1, rig.Metrics.CallCount("gsm1", result.Label));
        if (expected == GatewayDialOutcome.NetworkError)
        {
            Assert.Equal(number.EndsWith('3') ? 30 : null, result.ErrorCode);
        }

        if (expected == GatewayDialOutcome.NoCarrier)
        {
            Assert.Equal("No route to destination", result.Cause);
        }

        var idleExpected = expected != GatewayDialOutcome.Answered;
        Assert.Equal(idleExpected ? GatewayCallState.Idle : GatewayCallState.Active, rig.Line.State.CallState);
    }

    [Fact]
    public async Task DialAsync_NoAnswerWithinRingTimeout_HangsUpAndReportsNoAnswer()
    {
        await using var rig = await GatewayRig.StartAsync();

        var result = await rig.Line.DialAsync("+8613800138006", TimeSpan.FromMilliseconds(600), Bounded).WaitAsync(GatewayRig.Wait);

        Assert.Equal(GatewayDialOutcome.NoAnswer, result.Outcome);
        Assert.Contains("ATH", rig.Modem.ReceivedCommands);
        Assert.Contains("AT+CLCC", rig.Modem.ReceivedCommands);
    }

    [Fact]
    public async Task DialAsync_AnsweredThenRemoteHangup_RaisesCallEnded()
    {
        await using var rig = await GatewayRig.StartAsync();
        var ended = new TaskCompletionSource<GatewayCallEndedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Line.CallEnded += (_, e) => ended.TrySetResult(e);

        var result = await rig.Line.DialAsync("+8613800138002", RingTimeout, Bounded).WaitAsync(GatewayRig.Wait);
        Assert.Equal(GatewayDialOutcome.Answered, result.Outcome);
        var dtmf = await rig.Line.SendDtmfAsync("12#", Bounded).WaitAsync(GatewayRig.Wait);
        Assert.True(dtmf.Succeeded, dtmf.Error);
        rig.Modem.RemoteHangup();

        var e = await ended.Task.WaitAsync(GatewayRig.Wait);
        Assert.Equal(GatewayCallEndReason.RemoteHangup, e.Reason);
        Assert.Equal(GatewayCallDirection.Outbound, e.Direction);
        Assert.Equal("No route to destination", e.Cause);
        Assert.Contains("AT+VTS=#", rig.Modem.ReceivedCommands);
    }

    [Fact]
    public async Task Ring_WithClip_RaisesIncomingCallWithNumberAndAnswers()
    {
        await using var rig = await GatewayRig.StartAsync();
        var incoming = new TaskCompletionSource<GatewayIncomingCallEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Line.IncomingCall += (_, e) => incoming.TrySetResult(e);

        rig.Modem.Ring("+8613912345678");

        var e = await incoming.Task.WaitAsync(GatewayRig.Wait);
        Assert.Equal("+8613912345678", e.CallerNumber);
        Assert.Equal("sales", e.Queue);
        Assert.Equal(GatewayCallState.Ringing, rig.Line.State.CallState);
        var answer = await rig.Line.AnswerAsync(Bounded).WaitAsync(GatewayRig.Wait);
        Assert.True(answer.Succeeded, answer.Error);
        Assert.Equal(GatewayCallState.Active, rig.Line.State.CallState);
        var hangup = await rig.Line.HangupAsync(Bounded).WaitAsync(GatewayRig.Wait);
        Assert.True(hangup.Succeeded, hangup.Error);
        Assert.Equal(GatewayCallState.Idle, rig.Line.State.CallState);
    }

    [Fact]
    public async Task Dial_WithGarbageSplitLinesAndUnsolicitedCodes_StillMapsOutcomes()
    {
        await using var rig = await GatewayRig.StartAsync();
        rig.Modem.SplitResponses = true;
        rig.Modem.GarbageBeforeResponses = true;
        rig.Modem.InjectUnsolicitedMidResponse = true;
        rig.Modem.SendGarbage();

        var busy = await rig.Line.DialAsync("+8613800138000", RingTimeout, Bounded).WaitAsync(GatewayRig.Wait);
        var answered = await rig.Line.DialAsync("+8613800138002", RingTimeout, Bounded).WaitAsync(GatewayRig.Wait);

        Assert.Equal(GatewayDialOutcome.Busy, busy.Outcome);
        Assert.Equal(GatewayDialOutcome.Answered, answered.Outcome);
        Assert.Equal(GatewayLineStatus.Up, rig.Line.State.Status);
    }

    [Fact]
    public async Task Unplug_ThenReplug_LineDownThenUpWithinFiveSeconds()
    {
        await using var rig = await GatewayRig.StartAsync();

        rig.Unplug();
        await rig.WaitForStatusAsync(GatewayLineStatus.Down);
        var down = await rig.Line.DialAsync("+8613800138002", RingTimeout, Bounded).WaitAsync(GatewayRig.Wait);
        await rig.ReplugAsync();
        await rig.WaitForStatusAsync(GatewayLineStatus.Up);

        Assert.Equal(GatewayDialOutcome.LineDown, down.Outcome);
        var after = await rig.Line.DialAsync("+8613800138000", RingTimeout, Bounded).WaitAsync(GatewayRig.Wait);
        Assert.Equal(GatewayDialOutcome.Busy, after.Outcome);
    }

    [Fact]
    public async Task Unplug_DuringActiveCall_EndsCallWithLineFailure()
    {
        await using var rig = await GatewayRig.StartAsync();
        var ended = new TaskCompletionSource<GatewayCallEndedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Line.CallEnded += (_, e) => ended.TrySetResult(e);
        var result = await rig.Line.DialAsync("+8613800138002", RingTimeout, Bounded).WaitAsync(GatewayRig.Wait);
        Assert.Equal(GatewayDialOutcome.Answered, result.Outcome);

        rig.Unplug();

        var e = await ended.Task.WaitAsync(GatewayRig.Wait);
        Assert.Equal(GatewayCallEndReason.LineFailure, e.Reason);
        Assert.Equal("line-failure", e.Outcome);
    }

    [Fact]
    public async Task Unplug_WhileDialling_DialReportsLineFailure()
    {
        await using var rig = await GatewayRig.StartAsync();
        var dial = rig.Line.DialAsync("+8613800138006", TimeSpan.FromSeconds(4), Bounded);
        await Eventually.AssertAsync(() => rig.Line.State.CallState == GatewayCallState.Dialling, GatewayRig.Wait, "dialling");

        rig.Unplug();

        var result = await dial.WaitAsync(GatewayRig.Wait);
        Assert.Equal(GatewayDialOutcome.LineFailure, result.Outcome);
    }

    [Fact]
    public async Task Stall_UntilReset_ModuleResetAndLineBackUp()
    {
        await using var rig = await GatewayRig.StartAsync();

        rig.Modem.Stall = StallMode.UntilReset;
        await rig.WaitForStatusAsync(GatewayLineStatus.Down);
        await rig.WaitForStatusAsync(GatewayLineStatus.Up);

        Assert.Equal(1, rig.Modem.Resets);
        Assert.Equal(1, rig.Metrics.ErrorCount("gsm1", GatewayErrorReasons.Reset));
    }

    [Fact]
    public async Task Stall_Forever_OutOfServiceAfterMaxFailuresThenBackInService()
    {
        await using var rig = await GatewayRig.StartAsync();

        rig.Modem.Stall = StallMode.Forever;
        await Eventually.AssertAsync(() => rig.Line.State.Status == GatewayLineStatus.OutOfService, TimeSpan.FromSeconds(15), "out of service");

        Assert.Contains("2 resets", rig.Line.State.StatusReason, StringComparison.Ordinal);
        Assert.Equal(2, rig.Metrics.ErrorCount("gsm1", GatewayErrorReasons.Reset));
        Assert.Equal(2, rig.Modem.ReceivedCommands.Count(c => c == "AT+CFUN=1,1"));
        var refused = await rig.Line.DialAsync("+8613800138002", RingTimeout, Bounded).WaitAsync(GatewayRig.Wait);
        Assert.Equal(GatewayDialOutcome.LineDown, refused.Outcome);

        rig.Modem.Stall = StallMode.None;
        await rig.Line.PutInServiceAsync(Bounded);
        await rig.WaitForStatusAsync(GatewayLineStatus.Up);
    }

    [Fact]
    public async Task DialAsync_MinimumGapBetweenCalls_SecondAttemptCapReached()
    {
        await using var rig = await GatewayRig.StartAsync(o => o.Caps = new GatewayCapsOptions { MinGapBetweenCalls = TimeSpan.FromMinutes(5) });

        var first = await rig.Line.DialAsync("+8613800138000", RingTimeout, Bounded).WaitAsync(GatewayRig.Wait);
        var second = await rig.Line.DialAsync("+8613800138000", RingTimeout, Bounded).WaitAsync(GatewayRig.Wait);

        Assert.Equal(GatewayDialOutcome.Busy, first.Outcome);
        Assert.Equal(GatewayDialOutcome.CapReached, second.Outcome);
        Assert.Single(rig.Modem.ReceivedCommands, c => c.StartsWith("ATD", StringComparison.Ordinal));
        Assert.False(rig.Line.IsAvailable);
    }

    [Fact]
    public async Task OutOfService_ByOperator_RefusesDialsUntilBackInService()
    {
        await using var rig = await GatewayRig.StartAsync();
        var snapshot = await rig.Line.TakeOutOfServiceAsync("SIM swap", Bounded);
        var refused = await rig.Line.DialAsync("+8613800138002", RingTimeout, Bounded).WaitAsync(GatewayRig.Wait);
        await rig.Line.PutInServiceAsync(Bounded);

        Assert.Equal(GatewayLineStatus.OutOfService, snapshot.Status);
        Assert.Equal("SIM swap", snapshot.StatusReason);
        Assert.Equal(GatewayDialOutcome.LineDown, refused.Outcome);
        Assert.Equal(GatewayLineStatus.Up, rig.Line.State.Status);
        Assert.True(rig.Line.IsAvailable);
    }

    [Fact]
    public async Task Ring_CallerHangsUpBeforeAnswer_CallEndedMissed()
    {
        await using var rig = await GatewayRig.StartAsync();
        var ended = new TaskCompletionSource<GatewayCallEndedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Line.CallEnded += (_, e) => ended.TrySetResult(e);
        rig.Modem.Ring("+8613912345678");
        await Eventually.AssertAsync(() => rig.Line.State.CallState == GatewayCallState.Ringing, GatewayRig.Wait, "ringing");

        rig.Modem.RemoteHangup();

        var e = await ended.Task.WaitAsync(GatewayRig.Wait);
        Assert.Equal(GatewayCallEndReason.Missed, e.Reason);
        Assert.Equal(GatewayCallDirection.Inbound, e.Direction);
        Assert.Equal(GatewayCallState.Idle, rig.Line.State.CallState);
    }

    [Fact]
    public async Task DialAsync_CallerCancels_HangsUpAndReportsCancelled()
    {
        await using var rig = await GatewayRig.StartAsync();
        using var cancel = new CancellationTokenSource();

        var dial = rig.Line.DialAsync("+8613800138006", TimeSpan.FromSeconds(4), cancel.Token);
        await Eventually.AssertAsync(() => rig.Modem.ReceivedCommands.Contains("AT+CLCC"), GatewayRig.Wait, "call progress polled");
        await cancel.CancelAsync();
        var result = await dial.WaitAsync(GatewayRig.Wait);

        Assert.Equal(GatewayDialOutcome.Cancelled, result.Outcome);
        Assert.Contains("ATH", rig.Modem.ReceivedCommands);
        Assert.Equal(GatewayCallState.Idle, rig.Line.State.CallState);
    }

    [Fact]
    public async Task DialAsync_DailyCapReached_CapReachedAndLineNotOffered()
    {
        await using var rig = await GatewayRig.StartAsync(o => o.Caps = new GatewayCapsOptions { MaxCallsPerDay = 2 });
        var registry = new GatewayLineRegistry([rig.Line]);

        var first = await rig.Line.DialAsync("+8613800138000", RingTimeout, Bounded).WaitAsync(GatewayRig.Wait);
        Assert.Same(rig.Line, registry.PickFreeLine("mobile"));
        var second = await rig.Line.DialAsync("+8613800138001", RingTimeout, Bounded).WaitAsync(GatewayRig.Wait);
        var third = await rig.Line.DialAsync("+8613800138002", RingTimeout, Bounded).WaitAsync(GatewayRig.Wait);

        Assert.Equal([GatewayDialOutcome.Busy, GatewayDialOutcome.NoAnswer, GatewayDialOutcome.CapReached], [first.Outcome, second.Outcome, third.Outcome]);
        Assert.Equal(2, rig.Line.State.CallsToday);
        Assert.NotNull(rig.Line.State.CapReason);
        Assert.Null(registry.PickFreeLine("mobile"));
    }
}
