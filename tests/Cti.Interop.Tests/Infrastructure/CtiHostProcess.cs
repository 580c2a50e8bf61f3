using System.Diagnostics;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cti.Interop.Tests.Infrastructure;

/// <summary>
/// The real service as a separate process (<c>dotnet Cti.Host.dll</c>) on loopback ports, with its own data folder
/// and a settings file layered over config/appsettings.json and the demo data of appsettings.Development.json.
/// </summary>
internal sealed partial class CtiHostProcess : IAsyncDisposable
{
    public const string ApiKey = "interop-key-admin-0001";

    private readonly StringBuilder _output = new();
    private readonly object _outputLock = new();
    private Process? _process;

    public CtiHostProcess(string? dataDirectory = null)
    {
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("cti-interop-").FullName;
        SipPort = LoopbackPorts.Next();
        HttpPort = LoopbackPorts.Next();
        TrunkPort = LoopbackPorts.Next();
        var block = LoopbackPorts.NextBlock(MediaPortCount + 1);
        MediaMinPort = block % 2 == 0 ? block : block + 1;
    }

    /// <summary>Size of the host's RTP port range (two pairs per relayed call).</summary>
    public const int MediaPortCount = 400;

    /// <summary>First port of the host's own RTP range, reserved from the loopback port pool.</summary>
    public int MediaMinPort { get; }

    /// <summary>Last-moment changes to the settings JSON (static contacts, routing, calls) before the host starts.</summary>
    public Action<JsonObject>? Customize { get; init; }

    public string DataDirectory { get; }

    public int SipPort { get; }

    public int HttpPort { get; }

    /// <summary>The carrier-facing profile (demo trunk demo-carrier, DID 100 → queue support).</summary>
    public int TrunkPort { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");

    /// <summary>Agents 1001–1005 with passwords demo1001–demo1005 plus 2001–2100 with pw2001–pw2100.</summary>
    public static IReadOnlyList<(string Extension, string Password)> Agents { get; } =
        Enumerable.Range(1001, 5).Select(n => (n.ToString(), "demo" + n))
            .Concat(Enumerable.Range(2001, 100).Select(n => (n.ToString(), "pw" + n)))
            .ToArray();

    public int BanMaxFailures { get; init; } = 5;

    /// <summary>RFC 3261 T1; T2 = 8·T1 and T4 = 10·T1 as with the defaults (500 ms, 4 s, 5 s).</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Digest algorithms offered in challenges, in order (Cti:Registrar:ChallengeAlgorithms); null keeps the shipped
    /// configuration's policy.
    /// </summary>
    public string[]? ChallengeAlgorithms { get; init; }

    /// <summary>
    /// When set, the demo trunk (Cti:Trunks:demo-carrier) registers with <see cref="TrunkRegistrationPeer"/> using this
    /// Registration section, and its OPTIONS keepalive is off so the peer sees only REGISTERs.
    /// </summary>
    public object? TrunkRegistration { get; init; }

    /// <summary>host:port of the carrier registrar for <see cref="TrunkRegistration"/>.</summary>
    public string? TrunkRegistrationPeer { get; init; }

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

    public async Task StartAsync()
    {
        var settings = new
        {
            Cti = new
            {
                DataDirectory,
                Http = new { Url = BaseAddress.ToString().TrimEnd('/') },
                Sip = new
                {
                    Profiles = new
                    {
                        agents = new { Address = "127.0.0.1", Port = SipPort, Transports = new[] { "udp", "tcp" } },
                        trunks = new { Address = "127.0.0.1", Port = TrunkPort, Transports = new[] { "udp", "tcp" } },
                    },
                    Timers = new { T1 = T1.ToString("c"), T2 = (T1 * 8).ToString("c"), T4 = (T1 * 10).ToString("c") },
                },
                Registrar = new { ChallengeAlgorithms = ChallengeAlgorithms ?? [], Ban = new { MaxFailures = BanMaxFailures, Window = "00:05:00", Duration = "00:10:00" } },
                // Keyed by extension, so the shipped demo accounts 1001-1005 are overridden, not repeated.
                Agents = Agents.ToDictionary(a => a.Extension, a => new { DisplayName = "Agent " + a.Extension, a.Password }),
                // Keyed by name beside the development settings' demo keys.
                Api = new { Keys = new Dictionary<string, object> { ["interop"] = new { Key = ApiKey, Roles = new[] { "admin" } } } },
                Media = new { Address = "127.0.0.1", MinPort = MediaMinPort, MaxPort = MediaMinPort + MediaPortCount - 1 },
            },
        };
        var settingsPath = Path.Combine(DataDirectory, "interop-settings.json");
        var json = JsonSerializer.SerializeToNode(settings)!;
        if (TrunkRegistration is not null)
        {
            // Keyed by name over the demo data: these keys override the demo trunk's.
            json["Cti"]!["Trunks"] = new JsonObject
            {
                ["demo-carrier"] = JsonSerializer.SerializeToNode(new
                {
                    Peers = new[] { TrunkRegistrationPeer },
                    OptionsInterval = "00:00:00",
                    Registration = TrunkRegistration,
                }),
            };
        }

        Customize?.Invoke(json.AsObject());
        await File.WriteAllTextAsync(settingsPath, json.ToJsonString());

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = DataDirectory,
        };
        start.ArgumentList.Add(RepoPaths.HostAssembly);
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(settingsPath);
        // The demo trunk, queue and routing agents come from the development settings, as with dotnet run.
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["Logging__Console__FormatterName"] = "simple";

        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start Cti.Host");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        try
        {
            await WaitHealthyAsync(_process);
        }
        catch
        {
            // A host that never became healthy must not outlive the test that started it.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            throw;
        }
    }

    private async Task WaitHealthyAsync(Process process)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Cti.Host exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Cti.Host did not become healthy within 60 s:\n" + Output);
    }

    public HttpClient CreateApiClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    public bool HasExited => _process?.HasExited ?? true;

    /// <summary>Stops the service the way systemd does (SIGTERM) and waits for a clean exit.</summary>
    public async Task<int> StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return _process?.ExitCode ?? 0;
        }

        _ = Kill(_process.Id, 15);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            throw new TimeoutException("Cti.Host did not stop within 20 s of SIGTERM:\n" + Output);
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            try
            {
                await StopAsync();
            }
            catch (TimeoutException)
            {
            }
        }

        _process?.Dispose();
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

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
