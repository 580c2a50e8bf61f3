using Microsoft.Extensions.Logging;

namespace Cti.Media.Recording;

/// <summary>Deletes recordings older than <see cref="CallRecordingOptions.RetentionDays"/>; run it periodically (e.g. hourly).</summary>
public sealed partial class RecordingRetentionSweeper
{
    private readonly CallRecordingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RecordingRetentionSweeper> _logger;

    /// <summary>Creates a sweeper for the configured folder.</summary>
    public RecordingRetentionSweeper(CallRecordingOptions options, TimeProvider timeProvider, ILogger<RecordingRetentionSweeper> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>Deletes the expired <c>*.wav</c> files of the folder and returns how many were deleted.</summary>
    public int Sweep()
    {
        if (_options.RetentionDays <= 0 || !Directory.Exists(_options.Directory))
        {
            return 0;
        }

        var files = new DirectoryInfo(_options.Directory)
            .EnumerateFiles("*.wav", SearchOption.TopDirectoryOnly)
            .Select(f => new RecordingFile(f.FullName, new DateTimeOffset(f.LastWriteTimeUtc, TimeSpan.Zero)));
        var expired = RecordingRetention.SelectExpired(files, _time.GetUtcNow(), TimeSpan.FromDays(_options.RetentionDays));
        var deleted = 0;
        foreach (var file in expired)
        {
            try
            {
                File.Delete(file.Path);
                deleted++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log.DeleteFailed(_logger, ex, Path.GetFileName(file.Path));
            }
        }

        if (deleted > 0)
        {
            Log.Swept(_logger, deleted, _options.RetentionDays);
        }

        return deleted;
    }
}
