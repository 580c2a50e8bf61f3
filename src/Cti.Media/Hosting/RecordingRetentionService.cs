using Cti.Media.Recording;
using Microsoft.Extensions.Hosting;

namespace Cti.Media.Hosting;

/// <summary>Runs the recording retention sweep at start and then hourly.</summary>
internal sealed class RecordingRetentionService(RecordingRetentionSweeper sweeper, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            sweeper.Sweep();
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken token)
    {
        try
        {
            return await timer.WaitForNextTickAsync(token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
