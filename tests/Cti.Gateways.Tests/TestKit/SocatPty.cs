using System.Diagnostics;

namespace Cti.Gateways.Tests.TestKit;

/// <summary>A pseudo-terminal pair made by socat: <see cref="ModemPath"/> for the simulator, <see cref="LinePath"/> for the driver.</summary>
internal sealed class SocatPty : IDisposable
{
    private Process? _process;

    public SocatPty(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
    }

    public string Directory { get; }

    public string ModemPath => Path.Combine(Directory, "modem");

    public string LinePath => Path.Combine(Directory, "line");

    public static SocatPty Create() => new(Path.Combine(Path.GetTempPath(), "cti-gw-" + Guid.NewGuid().ToString("N")[..10]));

    /// <summary>Starts socat (again, after <see cref="Unplug"/>) and waits until both links exist.</summary>
    public async Task PlugAsync()
    {
        var start = new ProcessStartInfo("/usr/bin/socat")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("pty,raw,echo=0,link=" + ModemPath);
        start.ArgumentList.Add("pty,raw,echo=0,link=" + LinePath);
        _process = Process.Start(start) ?? throw new InvalidOperationException("socat did not start");
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        var deadline = Stopwatch.StartNew();
        while (!(File.Exists(ModemPath) && File.Exists(LinePath)))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(5) || _process.HasExited)
            {
                throw new InvalidOperationException("socat did not create the pty links");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>The USB cable is pulled: socat dies, both ptys close and the links vanish.</summary>
    public void Unplug()
    {
        if (_process is { } process)
        {
            _process = null;
            try
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        // A killed socat may leave its links behind; a vanished device has no node.
        File.Delete(ModemPath);
        File.Delete(LinePath);
    }

    public void Dispose()
    {
        Unplug();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
