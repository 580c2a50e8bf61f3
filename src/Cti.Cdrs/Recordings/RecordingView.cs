namespace Cti.Cdrs.Recordings;

/// <summary>One recording as <c>GET /api/v1/recordings</c> lists it; its id is the call's id.</summary>
/// <param name="DurationSeconds">Audio length, from the file's size in the recording format.</param>
/// <param name="SizeBytes">The file's size, header included.</param>
internal sealed record RecordingView(
    string Id,
    string CallId,
    string? Agent,
    string? Queue,
    DateTimeOffset Start,
    double DurationSeconds,
    long SizeBytes);
