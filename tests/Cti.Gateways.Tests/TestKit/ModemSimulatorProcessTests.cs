using System.Diagnostics;
using Cti.Gateways.At;
using Cti.Gateways.Lines;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cti.Gateways.Tests.TestKit;

/// <summary>The simulator as an operator runs it: a process on the modem end, controlled through stdin.</summary>
[Collection(GatewayPtyCollection.Name)]
public sealed class ModemSimulatorProcessTests : IDisposable
{
    private readonly SocatPty _pty = SocatPty.Create();
    private Process? _simulator;

    public void Dispose()
    {
        if (_simulator is { } process)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            process.Dispose();
        }

        _pty.Dispose();
    }

    [Fact]
    public async Task Simulator_StdinCommands_ChangeWhatTheLineSees()
    {
        await _pty.PlugAsync();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Cti.ModemSimulator.dll"));
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(_pty.ModemPath);
        _simulator = Process.Start(start)!;
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Equal("ready", await _simulator.StandardOutput.ReadLineAsync(bound.Token));
        var unsolicited = new System.Collections.Concurrent.ConcurrentQueue<AtLine>();
        using var executor = new AtCommandExecutor(SerialLinePort.Open(GatewayRig.FastOptions(_pty.LinePath)), unsolicited.Enqueue, TimeProvider.System, NullLogger.Instance);
        executor.Start();

        await _simulator.StandardInput.WriteLineAsync("csq 10");
        Assert.Equal("ok", await _simulator.StandardOutput.ReadLineAsync(bound.Token));
        var csq = await executor.ExecuteAsync(AtCommand.Query("AT+CSQ", "+CSQ"), TimeSpan.FromSeconds(2), bound.Token);
        await _simulator.StandardInput.WriteLineAsync("ring +8613800138000");
        Assert.Equal("ok", await _simulator.StandardOutput.ReadLineAsync(bound.Token));

        Assert.Equal(-93, AtResponseParser.ParseCsqDbm(csq.Find(AtLineKind.Csq)!.Value));
        await Eventually.AssertAsync(
            () => unsolicited.Any(l => l.Kind == AtLineKind.Clip && AtResponseParser.ParseClipNumber(l) == "+8613800138000"),
            GatewayRig.Wait,
            "+CLIP from the simulator process");
    }
}
