namespace Cti.Media.Recording;

/// <summary>The retention rule, as a pure function so it can be tested and previewed without touching disk.</summary>
public static class RecordingRetention
{
    /// <summary>The files last written more than <paramref name="maxAge"/> before <paramref name="now"/>; none when <paramref name="maxAge"/> is zero or less (keep forever).</summary>
    public static IReadOnlyList<RecordingFile> SelectExpired(IEnumerable<RecordingFile> files, DateTimeOffset now, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (maxAge <= TimeSpan.Zero)
        {
            return [];
        }

        var cutoff = now - maxAge;
        return files.Where(f => f.LastWriteUtc < cutoff).OrderBy(f => f.LastWriteUtc).ToList();
    }
}
