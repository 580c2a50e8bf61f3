using Cti.Gateways.Hosting;
using Cti.Gateways.Lines;
using Cti.ModemSimulator;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace Cti.Gateways.Tests.TestKit;

/// <summary>socat pty pair + simulated module + one gateway line and its worker, all over the kernel's tty path.</summary>
internal sealed class GatewayRig : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _stop = new();
    private GatewayLineWorker? _worker;

    private GatewayRig(GatewayLineOptions options)
    {
        Options = options;
        Metrics = new GatewayMetrics(Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry()));
        Line = new GatewayLine(options, TimeProvider.System, Metrics, NullLogger<GatewayLine>.Instance);
    }

    public SocatPty Pty { get; private set; } = null!;

    public ModemSimulator.ModemSimulator Modem { get; private set; } = null!;

    public GatewayLineOptions Options { get; }

    public GatewayLine Line { get; }

    public GatewayMetrics Metrics { get; }

    public static GatewayLineOptions FastOptions(string portName) => new()
    {
        Name = "gsm1",
        Group = "mobile",
        PortName = portName,
        AudioEndpoint = "sip:ch1@10.0.0.20",
        Queue = "sales",
        InitTimeout = TimeSpan.FromSeconds(1),
        CommandTimeout = TimeSpan.FromSeconds(1),
        ResetSettleTime = TimeSpan.FromMilliseconds(100),
        MaxFailuresBeforeOutOfService = 2,
        PollClccInterval = TimeSpan.FromMilliseconds(100),
        HealthPollInterval = TimeSpan.FromMilliseconds(200),
        ReopenInitialDelay = TimeSpan.FromMilliseconds(100),
        ReopenMaxDelay = TimeSpan.FromMilliseconds(400),
    };

    public static async Task<GatewayRig> StartAsync(Action<GatewayLineOptions>? configure = null, bool waitUntilUp = true)
    {
        var pty = SocatPty.Create();
        var options = FastOptions(pty.LinePath);
        configure?.Invoke(options);
        var rig = new GatewayRig(options) { Pty = pty };
        await pty.PlugAsync();
        rig.StartModem();
        rig._worker = new GatewayLineWorker(rig.Line, TimeProvider.System, rig.Metrics, NullLogger<GatewayLineWorker>.Instance);
        await rig._worker.StartAsync(CancellationToken.None);
        if (waitUntilUp)
        {
            await rig.WaitForStatusAsync(GatewayLineStatus.Up);
        }

        return rig;
    }

    public void StartModem()
    {
        Modem = new ModemSimulator.ModemSimulator(Pty.ModemPath);
        Modem.Start();
    }

    public void Unplug()
    {
        Modem.Dispose();
        Pty.Unplug();
    }

    public async Task ReplugAsync()
    {
        await Pty.PlugAsync();
        StartModem();
    }

    public Task WaitForStatusAsync(GatewayLineStatus status) =>
        Eventually.AssertAsync(() => Line.State.Status == status, Wait, $"line {status} (now {Line.State.Status}: {Line.State.StatusReason})");

    public async ValueTask DisposeAsync()
    {
        if (_worker is not null)
        {
            using var stopTimeout = new CancellationTokenSource(Wait);
            await _worker.StopAsync(stopTimeout.Token);
            _worker.Dispose();
        }

        Modem?.Dispose();
        Pty.Dispose();
        _stop.Dispose();
    }
}
