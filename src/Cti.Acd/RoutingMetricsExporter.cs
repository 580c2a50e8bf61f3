using Cti.Platform.Metrics;
using Cti.Routing.Engine;

namespace Cti.Acd;

/// <summary>Refreshes <see cref="RoutingMetrics"/> from an engine snapshot right before every /metrics scrape.</summary>
internal sealed class RoutingMetricsExporter(CtiMetrics cti, RoutingMetrics metrics, AcdEngine engine, TimeProvider timeProvider) : IHostedService
{
    /// <summary>A scrape never waits longer than this for the engine; the previous values are exported instead.</summary>
    public static readonly TimeSpan SnapshotTimeout = TimeSpan.FromSeconds(2);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        cti.Registry.AddBeforeCollectCallback(RefreshAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(SnapshotTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            metrics.Update(await engine.GetSnapshotAsync(linked.Token));
        }
        catch (OperationCanceledException)
        {
            // Busy or stopping engine: export the last values rather than failing the scrape.
        }
        catch (InvalidOperationException)
        {
            // The engine has stopped (service shutting down).
        }
    }
}
