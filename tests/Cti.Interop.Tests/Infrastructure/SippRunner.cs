using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Cti.Interop.Tests.Infrastructure;

/// <summary>Runs SIPp (Debian package sip-tester) once, bounded in calls and time, and reads its final statistics.</summary>
internal static partial class SippRunner
{
    public sealed record Result(int ExitCode, int Successful, int Failed, string Output)
    {
        public override string ToString() => $"sipp exit {ExitCode}, {Successful} ok, {Failed} failed\n{Output}";
    }

    /// <param name="scenario">Scenario file name under Scenarios/.</param>
    /// <param name="target">host:port of the service.</param>
    /// <param name="calls">Total calls (-m): the run always ends.</param>
    /// <param name="rate">Calls per second (-r).</param>
    public static async Task<Result> RunAsync(
        string scenario,
        string target,
        int calls,
        int rate,
        string? injectionFile = null,
        string localIp = "127.0.0.1",
        string transport = "u1",
        TimeSpan? timeout = null,
        IEnumerable<string>? extraArgs = null)
    {
        var sipp = RequiredTool.Path("sipp", "sip-tester");
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var screen = Path.Combine(Path.GetTempPath(), $"sipp-{Guid.NewGuid():N}.screen");
        var start = new ProcessStartInfo(sipp)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var arg in new[]
                 {
                     "-sf", RepoPaths.Scenario(scenario), "-i", localIp, "-p", LoopbackPorts.Next().ToString(),
                     "-t", transport, "-m", calls.ToString(), "-r", rate.ToString(), "-l", Math.Max(rate * 2, 10).ToString(),
                     "-nostdin", "-timeout", ((int)limit.TotalSeconds).ToString() + "s", "-timeout_error",
                     "-trace_screen", "-screen_file", screen, "-max_recv_loops", "10000",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        if (injectionFile is not null)
        {
            start.ArgumentList.Add("-inf");
            start.ArgumentList.Add(injectionFile);
        }

        foreach (var arg in extraArgs ?? [])
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add(target);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start sipp");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(limit + TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("sipp did not finish in time");
        }

        var output = await stdout + await stderr;
        if (File.Exists(screen))
        {
            output += File.ReadAllText(screen);
            File.Delete(screen);
        }

        return new Result(process.ExitCode, LastCount(SuccessfulRegex(), output), LastCount(FailedRegex(), output), output);
    }

    /// <summary>
    /// Writes a SIPp injection file (SEQUENTIAL): field0 is the user, field1 the whole authentication keyword
    /// (SIPp does not expand fields inside the keyword, but it does expand a keyword held in a field).
    /// </summary>
    public static string WriteAccounts(IEnumerable<(string User, string Password)> accounts)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sipp-accounts-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, new[] { "SEQUENTIAL" }.Concat(accounts.Select(a => $"{a.User};[authentication username={a.User} password={a.Password}]")));
        return path;
    }

    private static int LastCount(Regex regex, string output)
    {
        var matches = regex.Matches(output);
        return matches.Count == 0 ? -1 : int.Parse(matches[^1].Groups[1].Value);
    }

    [GeneratedRegex(@"Successful call\s*\|\s*\d+\s*\|\s*(\d+)")]
    private static partial Regex SuccessfulRegex();

    [GeneratedRegex(@"Failed call\s*\|\s*\d+\s*\|\s*(\d+)")]
    private static partial Regex FailedRegex();
}
