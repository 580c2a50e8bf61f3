namespace Cti.Host.Calls;

internal sealed partial class CallSession
{
    private readonly Lock _mediaReportGate = new();
    private long _reportedToCaller;
    private long _reportedToCallee;
    private long _reportedLost;
    private long _reportedRecordingBytes;

    /// <summary>
    /// Adds what the relay (and recorder) did since the last report to the metrics. Called every few seconds by
    /// <see cref="CallMediaMetricsCollector"/> from its own thread and once more when the call ends, so graphs move
    /// during long calls instead of jumping at hang-up.
    /// </summary>
    public void ReportMediaProgress()
    {
        var a = _relay.LegA.GetStatistics();
        var b = _relay.LegB.GetStatistics();
        var recording = Volatile.Read(ref _recorder)?.BytesWritten ?? _finalRecordingBytes;
        lock (_mediaReportGate)
        {
            var lost = a.PacketsLost + b.PacketsLost;
            _s.Metrics.Media(
                Math.Max(0, a.PacketsOut - _reportedToCaller),
                Math.Max(0, b.PacketsOut - _reportedToCallee),
                Math.Max(0, lost - _reportedLost),
                Math.Max(0, recording - _reportedRecordingBytes));
            _reportedToCaller = Math.Max(_reportedToCaller, a.PacketsOut);
            _reportedToCallee = Math.Max(_reportedToCallee, b.PacketsOut);
            _reportedLost = Math.Max(_reportedLost, lost);
            _reportedRecordingBytes = Math.Max(_reportedRecordingBytes, recording);
        }
    }

    private long _finalRecordingBytes;
}
