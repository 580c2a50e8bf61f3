using Cti.Calls.Control;
using Cti.Cdrs;
using Cti.Events;
using Cti.Acd;
using Cti.Media.Recording;
using Cti.Media.Relay;
using Cti.Media.Rtp;
using CallDirection = Cti.Cdrs.CallDirection;

namespace Cti.Calls;

/// <summary>
/// What one call leaves behind, kept in one place whatever its legs and flow: its times, queue, agent, holds and
/// transfers, the recording, the lifecycle events, the media metrics and, at the end, the CDR written together with
/// call.ended. Changed on the call's loop only, except <see cref="ReportMediaProgress"/>.
/// </summary>
internal sealed partial class CallRecord(
    string callId,
    RtpRelaySession relay,
    IEventPublisher events,
    ICdrWriter cdrs,
    CdrWrapUpCodes wrapUps,
    CallMetrics metrics,
    CallRecordingOptions recording,
    RoutingConfigState routing,
    TimeProvider time,
    ILogger logger)
{
    private readonly Lock _mediaReportGate = new();
    private readonly List<CdrTransferStep> _transfers = [];
    private CallRecorder? _recorder;
    private long _finalRecordingBytes;
    private long _reportedToCaller;
    private long _reportedToCallee;
    private long _reportedLost;
    private long _reportedRecordingBytes;
    private bool _callerHeld;
    private bool _calleeHeld;
    private DateTimeOffset? _holdStartedAt;
    private double _holdSeconds;
    private readonly List<CdrRecordingGap> _recordingGaps = [];
    private DateTimeOffset? _recordingStartedAt;
    private DateTimeOffset? _pausedAt;

    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    public DateTimeOffset? QueuedAt { get; private set; }

    public DateTimeOffset? OfferedAt { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>The queue the call is in (or was last in); null for calls that never queue.</summary>
    public string? Queue { get; set; }

    /// <summary>The last agent who talked to the caller (or the agent placing the call).</summary>
    public string? LastAgent { get; set; }

    private double RingSeconds { get; set; }

    public void Offered(CtiEvent offered) => events.Publish(offered);

    public void Queued(string queue, int priority)
    {
        QueuedAt ??= time.GetUtcNow();
        Queue = queue;
        events.Publish(CallEvents.Queued(callId, queue, priority));
    }

    /// <summary>An INVITE went out: the first one dates the offer.</summary>
    public void Ringing(string? agentId, string target)
    {
        OfferedAt ??= time.GetUtcNow();
        events.Publish(CallEvents.Ringing(callId, Queue, agentId, target));
    }

    /// <summary>A callee answered: its ring time counts, whether or not the caller's answer follows.</summary>
    public DateTimeOffset CalleeAnswered(DateTimeOffset legStartedAt)
    {
        var now = time.GetUtcNow();
        RingSeconds += (now - legStartedAt).TotalSeconds;
        return now;
    }

    /// <summary>Both sides are answered and talking: the recording starts and listeners see the answer.</summary>
    public void Answered(DateTimeOffset at, string? agentId)
    {
        AnsweredAt ??= at;
        if (agentId is not null)
        {
            LastAgent = agentId;
        }

        StartRecording();
        var wait = (at - (QueuedAt ?? StartedAt)).TotalSeconds;
        events.Publish(CallEvents.Answered(callId, Queue, agentId, Math.Max(0, wait)));
    }

    /// <summary>
    /// A side put the other on hold or took it off: held time runs while either side holds. False when nothing
    /// changed (the same direction again).
    /// </summary>
    public bool Hold(bool byCaller, bool holding, string? agentId)
    {
        var wasHeld = byCaller ? _callerHeld : _calleeHeld;
        if (holding == wasHeld)
        {
            return false;
        }

        if (byCaller)
        {
            _callerHeld = holding;
        }
        else
        {
            _calleeHeld = holding;
        }

        var now = time.GetUtcNow();
        var by = byCaller ? "caller" : "agent";
        if (holding)
        {
            _holdStartedAt ??= now;
            events.Publish(CallEvents.Held(callId, Queue, agentId, by));
        }
        else
        {
            if (!_callerHeld && !_calleeHeld && _holdStartedAt is { } since)
            {
                _holdSeconds += (now - since).TotalSeconds;
                _holdStartedAt = null;
            }

            events.Publish(CallEvents.Resumed(callId, Queue, agentId, by));
        }

        return true;
    }

    /// <summary>Whether either side holds the other.</summary>
    public bool IsHeld => _callerHeld || _calleeHeld;

    /// <summary><c>off</c> (not recording), <c>recording</c> or <c>paused</c>.</summary>
    public string RecordingState => _recorder is null ? "off" : _pausedAt is null ? "recording" : "paused";

    /// <summary>
    /// Pauses the recording (the agent takes card details) or resumes it. The paused stretch is silence in the file,
    /// marked in the CDR as a gap (seconds from the recording's start) and by <c>call.recording.*</c> events.
    /// </summary>
    public RecordingChange PauseRecording(bool pause)
    {
        if (_recorder is null || _recordingStartedAt is not { } started)
        {
            return RecordingChange.NotRecording;
        }

        if (pause == _pausedAt.HasValue)
        {
            return RecordingChange.Unchanged;
        }

        var now = time.GetUtcNow();
        var offset = Math.Round((now - started).TotalSeconds, 3);
        if (pause)
        {
            _pausedAt = now;
            relay.AttachRecorder(null);
            events.Publish(CallEvents.RecordingPaused(callId, Queue, LastAgent, offset));
        }
        else
        {
            CloseGap(now);
            relay.AttachRecorder(_recorder);
            events.Publish(CallEvents.RecordingResumed(callId, Queue, LastAgent, offset));
        }

        return RecordingChange.Changed;
    }

    private void CloseGap(DateTimeOffset now)
    {
        if (_pausedAt is { } since && _recordingStartedAt is { } started)
        {
            _recordingGaps.Add(new CdrRecordingGap(Math.Round((since - started).TotalSeconds, 3), Math.Round((now - started).TotalSeconds, 3)));
            _pausedAt = null;
        }
    }

    /// <summary>A new callee is connected: it starts off hold.</summary>
    public void CalleeHoldCleared() => _calleeHeld = false;

    /// <summary>A transfer step; returns its time.</summary>
    public DateTimeOffset Transferred(string? fromAgent, string target, string kind)
    {
        var now = time.GetUtcNow();
        _transfers.Add(new CdrTransferStep(now, fromAgent, target, kind));
        events.Publish(CallEvents.Transferred(callId, Queue, fromAgent, target, kind));
        return now;
    }

    /// <summary>The transferor has left: whatever hold was running ends at <paramref name="now"/>.</summary>
    public void HoldsCleared(DateTimeOffset now)
    {
        if (_holdStartedAt is { } since)
        {
            _holdSeconds += (now - since).TotalSeconds;
            _holdStartedAt = null;
        }

        _callerHeld = false;
        _calleeHeld = false;
    }

    /// <summary>
    /// Adds what the relay (and recorder) did since the last report to the metrics. Called every few seconds by
    /// <see cref="CallMediaMetricsCollector"/> from its own thread and once more when the call ends, so graphs move
    /// during long calls instead of jumping at hang-up.
    /// </summary>
    public void ReportMediaProgress()
    {
        var a = relay.LegA.GetStatistics();
        var b = relay.LegB.GetStatistics();
        var bytes = Volatile.Read(ref _recorder)?.BytesWritten ?? _finalRecordingBytes;
        lock (_mediaReportGate)
        {
            var lost = a.PacketsLost + b.PacketsLost;
            metrics.Media(
                Math.Max(0, a.PacketsOut - _reportedToCaller),
                Math.Max(0, b.PacketsOut - _reportedToCallee),
                Math.Max(0, lost - _reportedLost),
                Math.Max(0, bytes - _reportedRecordingBytes));
            _reportedToCaller = Math.Max(_reportedToCaller, a.PacketsOut);
            _reportedToCallee = Math.Max(_reportedToCallee, b.PacketsOut);
            _reportedLost = Math.Max(_reportedLost, lost);
            _reportedRecordingBytes = Math.Max(_reportedRecordingBytes, bytes);
        }
    }

    /// <summary>The relay's leg statistics (in-call view).</summary>
    public (RtpLegStatistics Caller, RtpLegStatistics Callee) MediaStatistics() => (relay.LegA.GetStatistics(), relay.LegB.GetStatistics());

    /// <summary>
    /// Closes the recording and the relay, counts the call, and writes the CDR with the call.ended and cdr.written
    /// events in one transaction. <paramref name="shape"/> fills in what the flow and the caller leg know (parties,
    /// campaign, line).
    /// </summary>
    public async Task WriteAsync(CallDirection direction, string? trunk, string? from, string? did, CdrDisposition disposition, HangupParty hungUpBy, int? sipCode, int? q850, Func<Cdr, Cdr> shape)
    {
        var end = time.GetUtcNow();
        if (_holdStartedAt is { } since)
        {
            _holdSeconds += (end - since).TotalSeconds;
        }

        relay.AttachRecorder(null);
        CloseGap(end);
        var recordingPath = _recorder?.FilePath;
        _finalRecordingBytes = _recorder?.BytesWritten ?? 0;
        _recorder?.Dispose();
        Volatile.Write(ref _recorder, null);
        var a = relay.LegA.GetStatistics();
        var b = relay.LegB.GetStatistics();
        ReportMediaProgress();
        await relay.DisposeAsync();
        metrics.Ended(direction, disposition);

        var answered = AnsweredAt;
        var waitEnd = answered ?? end;
        var talk = answered is { } at ? Math.Max(0, (end - at).TotalSeconds - _holdSeconds) : 0;
        var cdr = shape(new Cdr
        {
            CallId = callId,
            Direction = direction,
            Trunk = trunk,
            From = from,
            To = did,
            Did = did,
            Queue = Queue,
            Agent = LastAgent,
            StartAt = StartedAt,
            QueuedAt = QueuedAt,
            OfferedAt = OfferedAt,
            AnsweredAt = answered,
            EndAt = end,
            WaitSeconds = Math.Max(0, (waitEnd - (QueuedAt ?? StartedAt)).TotalSeconds),
            RingSeconds = RingSeconds,
            TalkSeconds = talk,
            HoldSeconds = _holdSeconds,
            WrapUpSeconds = LastAgent is null ? 0 : WrapUpOf(LastAgent).TotalSeconds,
            Disposition = disposition,
            SipCode = sipCode,
            Q850Cause = q850,
            HungUpBy = hungUpBy,
            Transfers = _transfers.ToArray(),
            RecordingPath = recordingPath,
            RecordingGaps = _recordingGaps.ToArray(),
            WrapUpCode = wrapUps.TakePending(callId),
        });
        Log.CallEnded(logger, callId, disposition, hungUpBy, a.PacketsIn, b.PacketsIn);
        try
        {
            await cdrs.WriteAsync(cdr, [CallEvents.Ended(callId, Queue, LastAgent, CdrWire.Name(disposition), CdrWire.Name(hungUpBy), sipCode), CdrEvents.Written(cdr)]);
            await wrapUps.FlushAsync(callId);
        }
#pragma warning disable CA1031 // The call is over either way; a failed write is logged and counted by the writer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.CdrFailed(logger, callId, ex);
        }
    }

    private void StartRecording()
    {
        if (_recorder is not null || !recording.Enabled)
        {
            return;
        }

        try
        {
            _recorder = CallRecorder.Create(recording, callId, time);
            _recordingStartedAt = time.GetUtcNow();
            relay.AttachRecorder(_recorder);
        }
        catch (IOException ex)
        {
            Log.RecordingFailed(logger, callId, ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            Log.RecordingFailed(logger, callId, ex);
        }
    }

    private TimeSpan WrapUpOf(string agentId)
    {
        var config = routing.Current;
        var agent = config.Agents.FirstOrDefault(a => a.Id == agentId);
        if (agent?.WrapUpTime is { } own)
        {
            return own;
        }

        return config.Queues.FirstOrDefault(q => q.Id == Queue)?.WrapUpTime ?? TimeSpan.Zero;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Call {CallId} ended: {Disposition}, hung up by {HungUpBy}, RTP in caller {CallerPackets} agent {CalleePackets}")]
        public static partial void CallEnded(ILogger logger, string callId, CdrDisposition disposition, HangupParty hungUpBy, long callerPackets, long calleePackets);

        [LoggerMessage(EventId = 5008, Level = LogLevel.Error, Message = "Call {CallId}: the recording could not be started")]
        public static partial void RecordingFailed(ILogger logger, string callId, Exception exception);

        [LoggerMessage(EventId = 5017, Level = LogLevel.Error, Message = "Call {CallId}: the CDR could not be written")]
        public static partial void CdrFailed(ILogger logger, string callId, Exception exception);
    }
}
