namespace Cti.Calls;

/// <summary>Every few seconds, adds the media progress of every call in progress to the RTP and recording metrics.</summary>
internal sealed class CallMediaMetricsCollector(CallRegistry registry, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var call in registry.Calls)
                {
                    call.ReportMediaProgress();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
