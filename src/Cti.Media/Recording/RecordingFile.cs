namespace Cti.Media.Recording;

/// <summary>A recording on disk as the retention sweep sees it.</summary>
/// <param name="Path">Full path.</param>
/// <param name="LastWriteUtc">Last write time (the end of the call).</param>
public readonly record struct RecordingFile(string Path, DateTimeOffset LastWriteUtc);
