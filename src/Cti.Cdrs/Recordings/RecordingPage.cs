namespace Cti.Cdrs.Recordings;

/// <summary>A page of recordings; <paramref name="Next"/> is the cursor of the following page, null at the end.</summary>
internal sealed record RecordingPage(IReadOnlyList<RecordingView> Items, string? Next);
