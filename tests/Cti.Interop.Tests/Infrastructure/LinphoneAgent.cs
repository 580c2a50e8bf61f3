using System.Diagnostics;
using System.Text;

namespace Cti.Interop.Tests.Infrastructure;

/// <summary>
/// A real Linphone softphone (Debian package linphone-cli, linphonec 5.1), headless: a private HOME and rc file,
/// "soundcard use files" so a WAV tone is sent instead of a microphone, commands written to its stdin (kept open
/// for its whole life) and its state lines ("Call 1 ... connected.") read from stdout.
/// </summary>
internal sealed class LinphoneAgent : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly object _linesLock = new();
    private TaskCompletionSource _lineArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LinphoneAgent(Process process, string directory, string user, int sipPort)
    {
        _process = process;
        Directory = directory;
        User = user;
        SipPort = sipPort;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Directory { get; }

    public string User { get; }

    public int SipPort { get; }

    public string Output
    {
        get
        {
            lock (_linesLock)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>Mark to pass to <see cref="WaitForLineAsync"/> so that only later lines count.</summary>
    public int LineCount
    {
        get
        {
            lock (_linesLock)
            {
                return _lines.Count;
            }
        }
    }

    /// <summary>
    /// Starts linphonec listening on one loopback port for <paramref name="transport"/> (udp or tcp), playing a
    /// 600 Hz tone as its microphone, registering <paramref name="extension"/> with the registrar at
    /// 127.0.0.1:<paramref name="registrarPort"/> and answering every call at once.
    /// </summary>
    public static LinphoneAgent Start(string extension, string password, int registrarPort, string transport)
    {
        var linphonec = RequiredTool.Path("linphonec", "linphone-cli");
        var directory = System.IO.Directory.CreateTempSubdirectory($"linphone-{extension}-").FullName;
        // liblinphone opens no SIP socket at all when it cannot create its database under $HOME/.local/share.
        System.IO.Directory.CreateDirectory(Path.Combine(directory, ".local", "share", "linphone"));
        var sipPort = LoopbackPorts.Next();
        var rtpPort = LoopbackPorts.NextBlock(4);
        var tone = Path.Combine(directory, "tone.wav");
        WriteTone(tone, TimeSpan.FromSeconds(120));
        // One transport only: -1 disables the other (TCP would otherwise take 5060, TLS a random port).
        var udp = transport == "udp" ? sipPort : -1;
        var tcp = transport == "tcp" ? sipPort : -1;
        var rc = Path.Combine(directory, "linphonerc");
        File.WriteAllText(rc, $"""
            [sip]
            sip_port={udp}
            sip_tcp_port={tcp}
            sip_tls_port=-1
            register_only_when_network_is_up=0

            [rtp]
            audio_rtp_port={rtpPort}

            [sound]
            echocancellation=0

            """);

        var start = new ProcessStartInfo(linphonec)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = directory,
        };
        start.Environment["HOME"] = directory;
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(rc);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start linphonec");
        var agent = new LinphoneAgent(process, directory, extension, sipPort);
        agent.Send("soundcard use files");
        agent.Send($"play {tone}");
        agent.Send($"record {Path.Combine(directory, "received.wav")}");
        agent.Send("autoanswer enable");
        agent.Send($"register sip:{extension}@127.0.0.1 <sip:127.0.0.1:{registrarPort};transport={transport}> {password}");
        return agent;
    }

    /// <summary>Writes one command line to linphonec's stdin.</summary>
    public void Send(string command)
    {
        _process.StandardInput.WriteLine(command);
        _process.StandardInput.Flush();
    }

    public Task DialAsync(string uri) => CommandAsync($"call {uri}");

    public Task HangUpAsync() => CommandAsync("terminate");

    public Task HoldAsync() => CommandAsync("pause");

    public Task ResumeAsync() => CommandAsync("resume");

    /// <summary>Blind transfer of the current call: a REFER with Refer-To: <paramref name="uri"/>.</summary>
    public Task TransferAsync(string uri) => CommandAsync($"transfer {uri}");

    /// <summary>
    /// The first stdout line from <paramref name="after"/> on (a mark from <see cref="LineCount"/>) containing
    /// <paramref name="text"/>, waiting for it at most <paramref name="timeout"/>.
    /// </summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout, int after = 0)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            Task arrived;
            lock (_linesLock)
            {
                for (var i = after; i < _lines.Count; i++)
                {
                    if (_lines[i].Contains(text, StringComparison.Ordinal))
                    {
                        return _lines[i];
                    }
                }

                arrived = _lineArrived.Task;
            }

            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero || _process.HasExited)
            {
                throw new TimeoutException($"linphonec {User}: no line with '{text}' within {timeout.TotalSeconds:0.#} s\n{Output}");
            }

            await Task.WhenAny(arrived, Task.Delay(left));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private Task CommandAsync(string command)
    {
        Send(command);
        return Task.CompletedTask;
    }

    /// <summary>A 16-bit 8 kHz mono WAV of a 600 Hz tone at half scale.</summary>
    private static void WriteTone(string path, TimeSpan length)
    {
        const int rate = 8000;
        var samples = (int)(length.TotalSeconds * rate);
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream, Encoding.ASCII);
        writer.Write("RIFF"u8);
        writer.Write(36 + samples * 2);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(rate);
        writer.Write(rate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples * 2);
        for (var i = 0; i < samples; i++)
        {
            writer.Write((short)(16000 * Math.Sin(2 * Math.PI * 600 * i / rate)));
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        TaskCompletionSource signal;
        lock (_linesLock)
        {
            _lines.Add(line);
            signal = _lineArrived;
            _lineArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
    }
}
