namespace Cti.Events;

/// <summary>The event types the service publishes. Also the bounded label set of the published-events counter.</summary>
internal static class CtiEventTypes
{
    public const string AgentState = "agent.state";
    public const string CallOffered = "call.offered";
    public const string CallQueued = "call.queued";
    public const string CallRinging = "call.ringing";
    public const string CallAnswered = "call.answered";
    public const string CallHeld = "call.held";
    public const string CallResumed = "call.resumed";

    public const string CallRecordingPaused = "call.recording.paused";

    public const string CallRecordingResumed = "call.recording.resumed";

    public const string CallMonitorStarted = "call.monitor.started";

    public const string CallMonitorChanged = "call.monitor.changed";

    public const string CallMonitorEnded = "call.monitor.ended";

    public const string CallConferenceJoined = "call.conference.joined";

    public const string CallConferenceLeft = "call.conference.left";

    /// <summary>The agent desk or the dialer set the call's wrap-up code.</summary>
    public const string CallDisposition = "call.disposition";
    public const string CallTransferred = "call.transferred";

    /// <summary>An attended transfer began: the customer is held while the agent consults the target.</summary>
    public const string CallTransferConsulting = "call.transfer.consulting";

    /// <summary>An attended transfer was cancelled or its target was not reached: the customer is back with the agent.</summary>
    public const string CallTransferCancelled = "call.transfer.cancelled";
    public const string CallEnded = "call.ended";
    public const string CdrWritten = "cdr.written";
    public const string LeadPreview = "lead.preview";

    /// <summary>Label used for a type outside <see cref="All"/> (kept bounded for metrics).</summary>
    public const string Other = "other";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        AgentState, CallOffered, CallQueued, CallRinging, CallAnswered, CallHeld, CallResumed, CallRecordingPaused, CallRecordingResumed, CallDisposition, CallMonitorStarted, CallMonitorChanged, CallMonitorEnded, CallConferenceJoined, CallConferenceLeft, CallTransferred, CallTransferConsulting, CallTransferCancelled, CallEnded, CdrWritten, LeadPreview,
    };

    public static bool IsValidName(string type) =>
        !string.IsNullOrEmpty(type) && type.Length <= 64 && type.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-');
}
