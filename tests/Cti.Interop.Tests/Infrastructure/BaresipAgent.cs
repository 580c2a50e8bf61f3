using System.Diagnostics;
using System.Text;

namespace Cti.Interop.Tests.Infrastructure;

/// <summary>
/// A real baresip softphone (Debian package baresip) registered as one agent, headless: no terminal, audio from a
/// sine generator, played into a file sink, controlled through its ctrl_tcp module.
/// </summary>
internal sealed class BaresipAgent : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly object _outputLock = new();
    private readonly Process _process;

    private BaresipAgent(Process process, string directory, int sipPort)
    {
        _process = process;
        Directory = directory;
        SipPort = sipPort;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Directory { get; }

    public int SipPort { get; }

    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    public static BaresipAgent Start(string extension, string password, int registrarPort, string transport = "udp", int registerInterval = 600)
    {
        var baresip = RequiredTool.Path("baresip", "baresip");
        var directory = System.IO.Directory.CreateTempSubdirectory($"baresip-{extension}-").FullName;
        // baresip also listens for TLS on the SIP port + 1.
        var sipPort = LoopbackPorts.NextBlock(2);
        var ctrlPort = LoopbackPorts.Next();
        var rtpBase = LoopbackPorts.NextBlock(20);
        File.WriteAllText(Path.Combine(directory, "config"), $"""
            poll_method      epoll
            sip_listen       127.0.0.1:{sipPort}
            sip_trans_def    {transport}
            audio_player     aufile,{Path.Combine(directory, "played.wav")}
            audio_source     ausine,440
            audio_alert      aufile,/dev/null
            module_path      /usr/lib/baresip/modules
            module           g711.so
            module           ausine.so
            module           aufile.so
            module_app       account.so
            module_app       menu.so
            module_app       ctrl_tcp.so
            ctrl_tcp_listen  127.0.0.1:{ctrlPort}
            rtp_ports        {rtpBase}-{rtpBase + 19}
            net_interface    127.0.0.1

            """);
        File.WriteAllText(
            Path.Combine(directory, "accounts"),
            $"<sip:{extension}@127.0.0.1:{registrarPort};transport={transport}>;auth_pass={password};regint={registerInterval};answermode=auto\n");

        var start = new ProcessStartInfo(baresip)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = directory,
        };
        start.ArgumentList.Add("-f");
        start.ArgumentList.Add(directory);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start baresip");
        process.StandardInput.Close();
        return new BaresipAgent(process, directory, sipPort);
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
