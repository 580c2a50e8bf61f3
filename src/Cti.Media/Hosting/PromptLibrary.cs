using System.Collections.Concurrent;
using Cti.Media.Audio;

namespace Cti.Media.Hosting;

/// <summary>
/// The prompts: the queue's welcome and music and the dialer's abandon message, read once at start (tones are
/// generated for missing files), plus per-campaign abandon messages (<c>abandon-{campaign}.wav</c>) read on first
/// use. Each call gets a fresh playback source; the relay converts µ-law to A-law for legs that use it.
/// </summary>
internal sealed class PromptLibrary
{
    private readonly ConcurrentDictionary<string, byte[]?> _audio = new(StringComparer.Ordinal);
    private readonly string _directory;

    public PromptLibrary(string directory)
    {
        _directory = directory;
        PromptFiles.EnsureDefaults(directory);
        foreach (var name in new[] { PromptFiles.Welcome, PromptFiles.Hold, PromptFiles.Abandon })
        {
            _audio[name] = Load(name);
        }
    }

    /// <summary>A new source for prompt <paramref name="name"/>, or null when its file is missing or unusable.</summary>
    public IRtpPayloadSource? Open(string name, bool loop) =>
        Audio(name) is { } bytes ? new LoopingPayloadSource(bytes, WavEncoding.MuLaw, loop) : null;

    /// <summary>How long prompt <paramref name="name"/> plays (8,000 samples a second), zero when missing.</summary>
    public TimeSpan Length(string name) =>
        Audio(name) is { } bytes ? TimeSpan.FromSeconds(bytes.Length / 8000.0) : TimeSpan.Zero;

    /// <summary>The campaign's own abandon message when its file exists, else the service-wide one.</summary>
    public string AbandonPromptFor(string campaignId)
    {
        var own = "abandon-" + campaignId + ".wav";
        return campaignId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') && Audio(own) is not null ? own : PromptFiles.Abandon;
    }

    private byte[]? Audio(string name) => _audio.GetOrAdd(name, Load);

    private byte[]? Load(string name) =>
        WavReader.TryReadFile(Path.Combine(_directory, name), out var wav, out _) && wav.ToG711(WavEncoding.MuLaw) is { Length: > 0 } bytes ? bytes : null;
}
