using System.Diagnostics;
using System.Reflection;
using System.Text;
using Cti.Interop.Tests.Infrastructure;

namespace Cti.Interop.Tests.Gateways;

/// <summary>
/// tools/Cti.ModemSimulator as an operator runs it: a process on the modem end of a pty pair, controlled through its
/// stdin ("ring &lt;number&gt;", "hangup", ...), each command acknowledged with "ok".
/// </summary>
internal sealed class ModemSimulatorProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);
    private readonly Process _process;
    private readonly StringBuilder _errors = new();
    private readonly SemaphoreSlim _commands = new(1, 1);

    private ModemSimulatorProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    /// <summary>The simulator built in the same configuration as these tests (by the solution build).</summary>
    public static string Assembly
    {
        get
        {
            var configuration = typeof(ModemSimulatorProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var path = Path.Combine(RepoPaths.Root, "tools", "Cti.ModemSimulator", "bin", configuration, "net10.0", "Cti.ModemSimulator.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: " + path);
        }
    }

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public static async Task<ModemSimulatorProcess> StartAsync(string modemPath)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Assembly);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(modemPath);
        var simulator = new ModemSimulatorProcess(Process.Start(start) ?? throw new InvalidOperationException("the modem simulator did not start"));
        try
        {
            var first = await simulator.ReadReplyAsync();
            if (first != "ready")
            {
                throw new InvalidOperationException($"modem simulator said '{first}' instead of ready\n{simulator.Errors}");
            }
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }

        return simulator;
    }

    /// <summary>Sends one control command and waits for its "ok".</summary>
    public async Task SendAsync(string command)
    {
        await _commands.WaitAsync(ReplyTimeout);
        try
        {
            await _process.StandardInput.WriteLineAsync(command);
            await _process.StandardInput.FlushAsync();
            var reply = await ReadReplyAsync();
            Assert.True(reply == "ok", $"modem simulator answered '{reply}' to '{command}'\n{Errors}");
        }
        finally
        {
            _commands.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await _process.StandardInput.WriteLineAsync("quit");
                await _process.StandardInput.FlushAsync();
            }
            catch (IOException)
            {
                // It is going already.
            }

            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            try
            {
                await _process.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        _commands.Dispose();
    }

    private async Task<string?> ReadReplyAsync()
    {
        using var bound = new CancellationTokenSource(ReplyTimeout);
        try
        {
            return await _process.StandardOutput.ReadLineAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"modem simulator did not reply within {ReplyTimeout.TotalSeconds:0} s\n{Errors}");
        }
    }
}
