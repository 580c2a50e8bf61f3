using Cti.Media.Audio;
using Cti.Media.Recording;

namespace Cti.Cdrs.Recordings;

/// <summary>
/// The recordings the service wrote, found through the call detail records: a recording's id is its call's id, and
/// its file is the path call control stored in that CDR. A client never names a path; a stored path outside the
/// recordings folder (a moved folder, an edited database) is treated as missing, so the API serves nothing else.
/// </summary>
internal sealed class RecordingLibrary(SqliteCdrStore store, CallRecordingOptions options)
{
    // The recorder's format: 16-bit stereo at 8 kHz, 32,000 bytes a second after the 44-byte header.
    private static readonly int BytesPerSecond = WavFormat.Pcm8kStereo.SampleRate * WavFormat.Pcm8kStereo.BlockAlign;
    private const int HeaderBytes = 44;

    private readonly string _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Directory)) + Path.DirectorySeparatorChar;

    /// <summary>
    /// False for ids that look like an attempt at a path (separators, also still percent-encoded, <c>..</c>, control
    /// characters) or are absurdly long. Ids only ever select a CDR; this refuses probes before they reach the store.
    /// </summary>
    public static bool IsWellFormedId(string id) =>
        id.Length is > 0 and <= 256
        && !id.Contains("..", StringComparison.Ordinal)
        && id.IndexOfAny(['/', '\\']) < 0
        && !id.Contains("%2F", StringComparison.OrdinalIgnoreCase)
        && !id.Contains("%5C", StringComparison.OrdinalIgnoreCase)
        && !id.Any(char.IsControl);

    /// <summary>The CDRs with recordings matching <paramref name="query"/>, as views of the files still on disk.</summary>
    public (IReadOnlyList<RecordingView> Items, bool HasMore, Cdr? Last) List(CdrQuery query)
    {
        var (cdrs, hasMore) = store.Query(query with { RecordedOnly = true });
        var views = new List<RecordingView>(cdrs.Count);
        foreach (var cdr in cdrs)
        {
            if (FileOf(cdr) is { } file)
            {
                views.Add(new RecordingView(cdr.CallId, cdr.CallId, cdr.Agent, cdr.Queue, cdr.StartAt, Seconds(file.Length), file.Length));
            }
        }

        return (views, hasMore, cdrs.Count > 0 ? cdrs[^1] : null);
    }

    /// <summary>The CDR of a call with a recording, or null.</summary>
    public Cdr? Find(string id) => store.Get(id) is { RecordingPath: not null } cdr ? cdr : null;

    /// <summary>The recording file of a CDR when it exists inside the recordings folder.</summary>
    public FileInfo? FileOf(Cdr cdr)
    {
        ArgumentNullException.ThrowIfNull(cdr);
        if (cdr.RecordingPath is not { Length: > 0 } stored)
        {
            return null;
        }

        var full = Path.GetFullPath(stored);
        if (!full.StartsWith(_root, StringComparison.Ordinal))
        {
            return null;
        }

        var file = new FileInfo(full);
        return file.Exists ? file : null;
    }

    private static double Seconds(long size) => Math.Max(0, size - HeaderBytes) / (double)BytesPerSecond;
}
