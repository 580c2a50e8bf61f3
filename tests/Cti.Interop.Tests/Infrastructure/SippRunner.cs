using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Cti.Interop.Tests.Infrastructure;

/// <summary>
/// Runs SIPp (Debian package sip-tester), bounded in calls and time, and reads its final statistics: once as a
/// client (<see cref="RunAsync"/>), or as a server in the background until stopped (<see cref="StartServerAsync"/>).
/// </summary>
internal static partial class SippRunner
{
    private const int SignalUser2 = 12;

    /// <summary>SIPp's statistics. RTP counters are -1 when the run printed none (no media, or SIPp had ended).</summary>
    public sealed record Result(int ExitCode, int Successful, int Failed, string Output)
    {
        /// <summary>"Total RTP pckts sent": packets played from pcap files.</summary>
        public int RtpPacketsSent => LastCount(RtpSentRegex(), Output);

        /// <summary>"Total echo RTP pckts 1st stream": packets sent back by -rtp_echo.</summary>
        public int RtpPacketsEchoed => LastCount(RtpEchoedRegex(), Output);

        public override string ToString() => $"sipp exit {ExitCode}, {Successful} ok, {Failed} failed\n{Output}";
    }

    /// <summary>What a call scenario needs beyond the plain run: the DID, media, talk time.</summary>
    public sealed record CallOptions
    {
        /// <summary>-s: the Request-URI user, e.g. the DID "100".</summary>
        public string? Service { get; init; }

        /// <summary>-d: length of every &lt;pause/&gt; without its own duration (talk time).</summary>
        public TimeSpan? CallLength { get; init; }

        /// <summary>-mp: the local RTP port announced in SDP (a free one when not given; SIPp binds it and port + 2).</summary>
        public int? MediaPort { get; init; }

        /// <summary>-rtp_echo: send every RTP packet received on the media port back to its sender.</summary>
        public bool RtpEcho { get; init; }

        /// <summary>-l: most calls open at once (default: twice the rate, at least 10).</summary>
        public int? MaxConcurrent { get; init; }

        /// <summary>-p: the local SIP port (a free one when not given).</summary>
        public int? LocalPort { get; init; }
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
        IEnumerable<string>? extraArgs = null,
        CallOptions? call = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var screen = Path.Combine(Path.GetTempPath(), $"sipp-{Guid.NewGuid():N}.screen");
        var start = NewStartInfo(scenario, localIp, transport, screen, call, call?.LocalPort ?? LoopbackPorts.Next());
        foreach (var arg in new[]
                 {
                     "-m", calls.ToString(CultureInfo.InvariantCulture),
                     "-r", rate.ToString(CultureInfo.InvariantCulture),
                     "-l", (call?.MaxConcurrent ?? Math.Max(rate * 2, 10)).ToString(CultureInfo.InvariantCulture),
                     "-timeout", ((int)limit.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s", "-timeout_error",
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

        var output = await stdout + await stderr + TakeScreen(screen);
        return new Result(process.ExitCode, LastCount(SuccessfulRegex(), output), LastCount(FailedRegex(), output), output);
    }

    /// <summary>
    /// Starts SIPp as a server (a UAS scenario such as agent-answer.xml) in the background and returns once its SIP
    /// and media ports are bound: it serves every call that comes until <see cref="Server.StopAsync"/>, or at most
    /// <paramref name="lifetime"/> (default 5 minutes).
    /// </summary>
    public static async Task<Server> StartServerAsync(
        string scenario,
        CallOptions? call = null,
        string localIp = "127.0.0.1",
        string transport = "u1",
        TimeSpan? lifetime = null,
        IEnumerable<string>? extraArgs = null)
    {
        var screen = Path.Combine(Path.GetTempPath(), $"sipp-{Guid.NewGuid():N}.screen");
        var port = call?.LocalPort ?? LoopbackPorts.Next();
        var mediaPort = call?.MediaPort ?? LoopbackPorts.NextBlock(4);
        var controlPort = LoopbackPorts.Next();
        var start = NewStartInfo(scenario, localIp, transport, screen, (call ?? new CallOptions()) with { MediaPort = mediaPort }, port, controlPort);
        // The screen file is buffered until SIPp exits; the statistics file is flushed at every dump (5 a second).
        var statistics = Path.ChangeExtension(screen, ".csv");
        foreach (var arg in new[] { "-trace_stat", "-stf", statistics, "-fd", "200ms" })
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("-timeout");
        start.ArgumentList.Add(((int)(lifetime ?? TimeSpan.FromMinutes(5)).TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s");
        foreach (var arg in extraArgs ?? [])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start sipp");
        process.StandardInput.Close();
        var server = new Server(process, screen, statistics, localIp, port, mediaPort, controlPort, call?.RtpEcho == true);
        var clock = Stopwatch.StartNew();
        while (!(IsBound(localIp, port, tcp: transport.StartsWith('t')) && IsBound(localIp, mediaPort, tcp: false)))
        {
            if (server.HasExited || clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                var failed = await server.StopAsync();
                await server.DisposeAsync();
                throw new InvalidOperationException($"sipp server {scenario} did not start\n{failed}");
            }

            await Task.Delay(20);
        }

        return server;
    }

    /// <summary>
    /// Writes a SIPp injection file (SEQUENTIAL): field0 is the user, field1 the whole authentication keyword
    /// (SIPp does not expand fields inside the keyword, but it does expand a keyword held in a field).
    /// </summary>
    /// <param name="extraFields">field2, field3…: the same on every line (e.g. a header's spelling for the scenario).</param>
    public static string WriteAccounts(IEnumerable<(string User, string Password)> accounts, params string[] extraFields)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sipp-accounts-{Guid.NewGuid():N}.csv");
        var extra = string.Concat(extraFields.Select(f => ";" + f));
        File.WriteAllLines(path, new[] { "SEQUENTIAL" }.Concat(accounts.Select(a => $"{a.User};[authentication username={a.User} password={a.Password}]{extra}")));
        return path;
    }

    private static ProcessStartInfo NewStartInfo(
        string scenario, string localIp, string transport, string screen, CallOptions? call, int port, int? controlPort = null)
    {
        var sipp = RequiredTool.Path("sipp", "sip-tester");
        var start = new ProcessStartInfo(sipp)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };

        // SIPp always binds a media port (default 6000) and a control port (default 8888): take free ones, so that
        // several SIPp processes (a carrier and its agents) can run side by side.
        foreach (var arg in new[]
                 {
                     "-sf", RepoPaths.Scenario(scenario), "-i", localIp, "-p", port.ToString(CultureInfo.InvariantCulture),
                     "-t", transport, "-nostdin", "-trace_screen", "-screen_file", screen, "-max_recv_loops", "10000",
                     "-mi", localIp, "-mp", (call?.MediaPort ?? LoopbackPorts.NextBlock(4)).ToString(CultureInfo.InvariantCulture),
                     "-cp", (controlPort ?? LoopbackPorts.Next()).ToString(CultureInfo.InvariantCulture),
                 })
        {
            start.ArgumentList.Add(arg);
        }

        if (call?.Service is { } service)
        {
            start.ArgumentList.Add("-s");
            start.ArgumentList.Add(service);
        }

        if (call?.CallLength is { } length)
        {
            start.ArgumentList.Add("-d");
            start.ArgumentList.Add(((long)length.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        }

        if (call?.RtpEcho == true)
        {
            start.ArgumentList.Add("-rtp_echo");
        }

        return start;
    }

    /// <summary>True once some process holds the port.</summary>
    private static bool IsBound(string ip, int port, bool tcp)
    {
        try
        {
            using var probe = tcp
                ? new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
                : new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Bind(new IPEndPoint(IPAddress.Parse(ip), port));
            return false;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    private static string TakeScreen(string screen)
    {
        if (!File.Exists(screen))
        {
            return string.Empty;
        }

        var text = File.ReadAllText(screen);
        File.Delete(screen);
        return text;
    }

    private static int LastCount(Regex regex, string output)
    {
        var matches = regex.Matches(output);
        return matches.Count == 0 ? -1 : int.Parse(matches[^1].Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);

    [GeneratedRegex(@"Successful call\s*\|\s*\d+\s*\|\s*(\d+)")]
    private static partial Regex SuccessfulRegex();

    [GeneratedRegex(@"Failed call\s*\|\s*\d+\s*\|\s*(\d+)")]
    private static partial Regex FailedRegex();

    [GeneratedRegex(@"(\d+) Total RTP pckts sent")]
    private static partial Regex RtpSentRegex();

    [GeneratedRegex(@"(\d+) Total echo RTP pckts 1st stream")]
    private static partial Regex RtpEchoedRegex();

    /// <summary>A SIPp server running in the background (e.g. an agent phone on a static contact).</summary>
    public sealed class Server : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly string _screen;
        private readonly string _statistics;
        private readonly int _controlPort;
        private readonly bool _rtpEcho;
        private readonly StringBuilder _output = new();
        private readonly object _outputLock = new();

        internal Server(Process process, string screen, string statistics, string localIp, int port, int mediaPort, int controlPort, bool rtpEcho)
        {
            _statistics = statistics;
            _rtpEcho = rtpEcho;
            _process = process;
            _screen = screen;
            _controlPort = controlPort;
            LocalIp = localIp;
            Port = port;
            MediaPort = mediaPort;
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public string LocalIp { get; }

        /// <summary>The SIP port it serves on.</summary>
        public int Port { get; }

        /// <summary>The RTP port it announces (and echoes on, with -rtp_echo).</summary>
        public int MediaPort { get; }

        /// <summary>host:port, to point a client run straight at this server.</summary>
        public string Target => $"{LocalIp}:{Port}";

        /// <summary>A contact URI for this server, e.g. for Cti:Agents[i]:StaticContact.</summary>
        public string Contact(string user) => $"sip:{user}@{LocalIp}:{Port}";

        public bool HasExited => _process.HasExited;

        /// <summary>
        /// Successful and failed calls so far, while it runs, from SIPp's statistics file (a dump at most 0.4 s
        /// old). ExitCode is 0 while it runs; RTP counters are -1 (only <see cref="StopAsync"/> has them).
        /// </summary>
        public async Task<Result> SnapshotAsync()
        {
            if (_process.HasExited)
            {
                return Collect(_process.ExitCode);
            }

            // Wait for a dump written after this call: the second line from now.
            var lines = ReadShared(_statistics).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            var clock = Stopwatch.StartNew();
            string[] now;
            do
            {
                await Task.Delay(50);
                now = ReadShared(_statistics).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            }
            while (now.Length < lines + 2 && clock.Elapsed < TimeSpan.FromSeconds(2) && !_process.HasExited);

            if (now.Length < 2)
            {
                return new Result(0, -1, -1, StandardOutput());
            }

            var header = now[0].Split(';');
            var values = now[^1].Split(';');
            int Column(string name)
            {
                var index = Array.IndexOf(header, name);
                return index >= 0 && index < values.Length && int.TryParse(values[index], CultureInfo.InvariantCulture, out var value) ? value : -1;
            }

            return new Result(0, Column("SuccessfulCall(C)"), Column("FailedCall(C)"), StandardOutput() + now[0] + "\n" + now[^1] + "\n");
        }

        /// <summary>
        /// Asks SIPp to quit ("q" on its control port: no new calls, open calls finish), waits at most
        /// <paramref name="grace"/> (default 10 s), then forces it. With -rtp_echo, the result carries the RTP counters
        /// of a last snapshot taken just before quitting.
        /// </summary>
        public async Task<Result> StopAsync(TimeSpan? grace = null)
        {
            if (!_process.HasExited)
            {
                if (_rtpEcho)
                {
                    // SIGUSR2: SIPp writes its screens, RTP counters included, to the screen file; its final screen
                    // has none. The file is flushed when SIPp exits, the dump before the final screen.
                    if (SendSignal(_process.Id, SignalUser2) == 0)
                    {
                        await Task.Delay(200);
                    }
                }

                await SendControlAsync("q");
                using var cts = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync();
                }
            }

            // Statistics are read from the final screen (the last in the file), RTP counters from the SIGUSR2 dump.
            return Collect(_process.ExitCode);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
            foreach (var file in new[] { _screen, _statistics })
            {
                if (File.Exists(file))
                {
                    File.Delete(file);
                }
            }
        }

        private async Task SendControlAsync(string keys)
        {
            using var udp = new UdpClient();
            var bytes = Encoding.ASCII.GetBytes(keys);
            await udp.SendAsync(bytes, bytes.Length, "127.0.0.1", _controlPort);
        }

        private Result Collect(int exitCode)
        {
            var output = StandardOutput() + ReadShared(_screen);
            return new Result(exitCode, LastCount(SuccessfulRegex(), output), LastCount(FailedRegex(), output), output);
        }

        private string StandardOutput()
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }

        private static string ReadShared(string path)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                return reader.ReadToEnd();
            }
            catch (FileNotFoundException)
            {
                return string.Empty;
            }
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_outputLock)
            {
                _output.AppendLine(line);
            }
        }
    }
}
