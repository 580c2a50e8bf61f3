namespace Cti.Calls.Control;

/// <summary>What a pause or resume of a call's recording did.</summary>
internal enum RecordingChange
{
    Changed,

    /// <summary>Already paused (or already running).</summary>
    Unchanged,

    /// <summary>The call has no recording (recording off, or nobody answered yet).</summary>
    NotRecording,
}
