using System.Collections.Concurrent;
using Cti.Gateways.At;
using Cti.Gateways.Lines;
using Cti.Gateways.Tests.TestKit;
using Cti.ModemSimulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cti.Gateways.Tests.At;

/// <summary>The command/response engine against the simulator over a socat pty pair, without the line on top.</summary>
[Collection(GatewayPtyCollection.Name)]
public sealed class AtCommandExecutorPtyTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private readonly SocatPty _pty = SocatPty.Create();
    private readonly ConcurrentQueue<AtLine> _unsolicited = new();
    private ModemSimulator.ModemSimulator? _modem;
    private AtCommandExecutor? _executor;

    public void Dispose()
    {
        _executor?.Dispose();
        _modem?.Dispose();
        _pty.Dispose();
    }

    private async Task<(ModemSimulator.ModemSimulator Modem, AtCommandExecutor Executor)> OpenAsync()
    {
        await _pty.PlugAsync();
        _modem = new ModemSimulator.ModemSimulator(_pty.ModemPath);
        _modem.Start();
        var port = SerialLinePort.Open(GatewayRig.FastOptions(_pty.LinePath));
        _executor = new AtCommandExecutor(port, _unsolicited.Enqueue, TimeProvider.System, NullLogger.Instance);
        _executor.Start();
        return (_modem, _executor);
    }

    [Fact]
    public async Task ExecuteAsync_EchoOn_EchoIgnoredAndOkReturned()
    {
        var (modem, executor) = await OpenAsync();

        var response = await executor.ExecuteAsync(AtCommand.Query("AT+CSQ", "+CSQ"), Timeout, CancellationToken.None);

        Assert.True(modem.EchoEnabled);
        Assert.True(response.IsOk, response.Describe());
        var line = Assert.Single(response.Lines);
        Assert.Equal("+CSQ: 20,99", line.Text);
    }

    [Fact]
    public async Task ExecuteAsync_UnsolicitedBetweenInformationAndOk_RoutedAsUnsolicited()
    {
        var (modem, executor) = await OpenAsync();
        modem.InjectUnsolicitedMidResponse = true;

        var response = await executor.ExecuteAsync(AtCommand.Query("AT+CPIN?", "+CPIN"), Timeout, CancellationToken.None);

        Assert.True(response.IsOk, response.Describe());
        Assert.Equal("+CPIN: READY", Assert.Single(response.Lines).Text);
        await Eventually.AssertAsync(() => _unsolicited.Any(l => l is { Kind: AtLineKind.Creg, Text: "+CREG: 5" }), GatewayRig.Wait, "+CREG: 5 unsolicited");
    }

    [Fact]
    public async Task ExecuteAsync_RingArrivesWhileCommandPending_BothDelivered()
    {
        var (modem, executor) = await OpenAsync();
        modem.SplitResponses = true;

        var pending = executor.ExecuteAsync(AtCommand.Query("AT+CREG?", "+CREG"), TimeSpan.FromSeconds(2), CancellationToken.None);
        modem.Ring("+8613800138000");
        var response = await pending;

        Assert.True(response.IsOk, response.Describe());
        Assert.Equal("+CREG: 0,1", Assert.Single(response.Lines).Text);
        await Eventually.AssertAsync(() => _unsolicited.Any(l => l.Kind == AtLineKind.Ring) && _unsolicited.Any(l => l.Kind == AtLineKind.Clip), GatewayRig.Wait, "RING and +CLIP");
    }

    [Fact]
    public async Task ExecuteAsync_GarbageAndSplitResponses_StillParsed()
    {
        var (modem, executor) = await OpenAsync();
        modem.GarbageBeforeResponses = true;
        modem.SplitResponses = true;
        modem.SendGarbage();

        var first = await executor.ExecuteAsync(AtCommand.Plain("ATE0"), Timeout, CancellationToken.None);
        var second = await executor.ExecuteAsync(AtCommand.Query("AT+CSQ", "+CSQ"), Timeout, CancellationToken.None);
        var unknown = await executor.ExecuteAsync(AtCommand.Plain("AT+BOGUS"), Timeout, CancellationToken.None);

        Assert.True(first.IsOk, first.Describe());
        Assert.Equal(-73, AtResponseParser.ParseCsqDbm(second.Find(AtLineKind.Csq)!.Value));
        Assert.Equal(AtLineKind.Error, unknown.Final?.Kind);
    }

    [Fact]
    public async Task ExecuteAsync_StalledModule_TimesOutWithinBound()
    {
        var (modem, executor) = await OpenAsync();
        modem.Stall = StallMode.Forever;

        var started = TimeProvider.System.GetTimestamp();
        var response = await executor.ExecuteAsync(AtCommand.Plain("AT"), TimeSpan.FromMilliseconds(300), CancellationToken.None);
        var elapsed = TimeProvider.System.GetElapsedTime(started);

        Assert.Equal(AtResponseStatus.TimedOut, response.Status);
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2));
        Assert.Equal(1, executor.ConsecutiveTimeouts);
    }

    [Fact]
    public async Task ExecuteAsync_DialCallProgressCodes_EndTheDialButNotOtherCommands()
    {
        var (modem, executor) = await OpenAsync();

        var dial = await executor.ExecuteAsync(AtCommand.Dial("+8613800138000"), Timeout, CancellationToken.None);
        modem.SendUnsolicited("NO CARRIER");
        var plain = await executor.ExecuteAsync(AtCommand.Plain("AT"), Timeout, CancellationToken.None);

        Assert.Equal(AtLineKind.Busy, dial.Final?.Kind);
        Assert.True(plain.IsOk, plain.Describe());
        await Eventually.AssertAsync(() => _unsolicited.Any(l => l.Kind == AtLineKind.NoCarrier), GatewayRig.Wait, "NO CARRIER unsolicited");
    }

    [Fact]
    public async Task Faulted_PtyClosed_Completes()
    {
        var (modem, executor) = await OpenAsync();

        modem.Dispose();
        _pty.Unplug();

        // Either the reader sees the hang-up at once, or the next command does.
        var response = await executor.ExecuteAsync(AtCommand.Plain("AT"), TimeSpan.FromMilliseconds(500), CancellationToken.None);
        Assert.NotEqual(AtResponseStatus.Completed, response.Status);
        Assert.False(SerialLinePort.DeviceExists(_pty.LinePath));
    }
}
