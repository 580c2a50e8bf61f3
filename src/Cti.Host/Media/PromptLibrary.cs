using Cti.Sip.Media;

namespace Cti.Host.Media;

/// <summary>
/// The queue prompts, read once at start (tones are generated for missing files) and handed out as fresh playback
/// sources per call; the relay converts µ-law to A-law for legs that use it.
/// </summary>
internal sealed class PromptLibrary
{
    private readonly Dictionary<string, byte[]> _audio = new(StringComparer.Ordinal);

    public PromptLibrary(string directory)
    {
        PromptFiles.EnsureDefaults(directory);
        foreach (var name in new[] { PromptFiles.Welcome, PromptFiles.Hold })
        {
            if (WavReader.TryReadFile(Path.Combine(directory, name), out var wav, out _) && wav.ToG711(WavEncoding.MuLaw) is { Length: > 0 } bytes)
            {
                _audio[name] = bytes;
            }
        }
    }

    /// <summary>A new source for prompt <paramref name="name"/>, or null when its file was unusable.</summary>
    public IRtpPayloadSource? Open(string name, bool loop) =>
        _audio.TryGetValue(name, out var bytes) ? new LoopingPayloadSource(bytes, WavEncoding.MuLaw, loop) : null;

    /// <summary>How long prompt <paramref name="name"/> plays (8,000 samples a second), zero when missing.</summary>
    public TimeSpan Length(string name) =>
        _audio.TryGetValue(name, out var bytes) ? TimeSpan.FromSeconds(bytes.Length / 8000.0) : TimeSpan.Zero;
}
