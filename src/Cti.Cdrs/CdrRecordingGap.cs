namespace Cti.Cdrs;

/// <summary>A paused stretch of a call's recording, in seconds from the recording's start.</summary>
internal sealed record CdrRecordingGap(double From, double To);
