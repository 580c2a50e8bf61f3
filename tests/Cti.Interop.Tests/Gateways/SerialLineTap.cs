using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Cti.Interop.Tests.Infrastructure;

namespace Cti.Interop.Tests.Gateways;

/// <summary>
/// A pseudo-terminal pair made by socat with a hex dump of the traffic (<c>socat -x</c>): the modem simulator opens
/// <see cref="ModemPath"/>, the service's line opens <see cref="LinePath"/>, and every byte the line writes to the
/// module is read back from socat's dump, so tests see the AT commands on the wire.
/// </summary>
internal sealed partial class SerialLineTap : IDisposable
{
    private readonly Process _process;
    private readonly List<byte> _toModem = [];
    private readonly StringBuilder _dump = new();
    private readonly Lock _lock = new();
    private bool _currentToModem;

    private SerialLineTap(string directory, Process process)
    {
        Directory = directory;
        _process = process;
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public string Directory { get; }

    /// <summary>The module's end (the simulator).</summary>
    public string ModemPath => Path.Combine(Directory, "modem");

    /// <summary>The end the service's line opens as its serial port.</summary>
    public string LinePath => Path.Combine(Directory, "line");

    /// <summary>Every command the line has sent to the module so far (split on CR), in order.</summary>
    public IReadOnlyList<string> CommandsToModem
    {
        get
        {
            string text;
            lock (_lock)
            {
                text = Encoding.ASCII.GetString([.. _toModem]);
            }

            return text.Split('\r').Select(c => c.Trim('\n', ' ')).Where(c => c.Length > 0).ToArray();
        }
    }

    /// <summary>The raw dump, for failure messages.</summary>
    public string Dump
    {
        get
        {
            lock (_lock)
            {
                return _dump.ToString();
            }
        }
    }

    public static async Task<SerialLineTap> StartAsync()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("cti-gw-interop-").FullName;
        var start = new ProcessStartInfo(RequiredTool.Path("socat", "socat"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-x");
        start.ArgumentList.Add("pty,raw,echo=0,link=" + Path.Combine(directory, "modem"));
        start.ArgumentList.Add("pty,raw,echo=0,link=" + Path.Combine(directory, "line"));
        var tap = new SerialLineTap(directory, Process.Start(start) ?? throw new InvalidOperationException("socat did not start"));
        var clock = Stopwatch.StartNew();
        while (!(File.Exists(tap.ModemPath) && File.Exists(tap.LinePath)))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(5) || tap._process.HasExited)
            {
                tap.Dispose();
                throw new InvalidOperationException("socat did not create the pty links");
            }

            await Task.Delay(20);
        }

        return tap;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    /// <summary>
    /// socat -x writes a header per transfer ("&lt; date length=n from=a to=b"; '&lt;' is right to left, i.e. from the
    /// line to the modem) followed by the bytes as hex pairs.
    /// </summary>
    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _dump.AppendLine(line);
            if (HeaderRegex().Match(line) is { Success: true } header)
            {
                _currentToModem = header.Groups[1].Value == "<";
                return;
            }

            if (_currentToModem && HexRegex().IsMatch(line))
            {
                foreach (var pair in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    _toModem.Add(byte.Parse(pair, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
            }
        }
    }

    [GeneratedRegex(@"^([<>]) \d{4}/\d\d/\d\d \d\d:\d\d:\d\d\.\d+\s+length=\d+")]
    private static partial Regex HeaderRegex();

    [GeneratedRegex(@"^( [0-9a-fA-F]{2})+\s*$")]
    private static partial Regex HexRegex();
}
