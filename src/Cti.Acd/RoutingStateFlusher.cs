namespace Cti.Acd;

/// <summary>
/// Writes the routing store's pending changes every <see cref="Interval"/> and once more when the service stops.
/// Registered before the engine, so it stops after it and the final flush sees the engine's last saves.
/// </summary>
internal sealed class RoutingStateFlusher(SqliteRoutingStateStore store, TimeProvider timeProvider) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                store.Flush();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal shutdown; StopAsync flushes the rest.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        store.Flush();
    }
}
