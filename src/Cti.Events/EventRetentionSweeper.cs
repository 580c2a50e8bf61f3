using Microsoft.Extensions.Options;

namespace Cti.Events;

/// <summary>Deletes events older than <see cref="EventsOptions.RetentionDays"/> at every <see cref="EventsOptions.SweepInterval"/>.</summary>
internal sealed partial class EventRetentionSweeper : BackgroundService
{
    private readonly SqliteEventStore _store;
    private readonly EventsOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<EventRetentionSweeper> _logger;

    public EventRetentionSweeper(SqliteEventStore store, IOptions<EventsOptions> options, TimeProvider timeProvider, ILogger<EventRetentionSweeper> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>One sweep; returns how many events were deleted.</summary>
    public int SweepOnce()
    {
        var cutoff = _timeProvider.GetUtcNow() - TimeSpan.FromDays(_options.RetentionDays);
        var deleted = _store.DeleteOlderThan(cutoff);
        if (deleted > 0)
        {
            Log.Swept(_logger, deleted, _options.RetentionDays);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.SweepInterval, _timeProvider);
        try
        {
            do
            {
                try
                {
                    SweepOnce();
                }
                catch (Microsoft.Data.Sqlite.SqliteException ex)
                {
                    Log.SweepFailed(_logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
