namespace Cti.Media.Audio;

/// <summary>The prompt files the queue plays, and a way to create tone fallbacks for the missing ones at startup.</summary>
public static class PromptFiles
{
    /// <summary>Queue announcement played when a call enters the queue.</summary>
    public const string Welcome = "welcome.wav";

    /// <summary>Music on hold, looped while the call waits.</summary>
    public const string Hold = "hold.wav";

    /// <summary>Played to an outbound callee who answered when no agent was free: who called, and that they will be called back.</summary>
    public const string Abandon = "abandon.wav";

    /// <summary>
    /// Writes generated µ-law tones for <see cref="Welcome"/> and <see cref="Hold"/> when they do not exist (spoken
    /// prompts rendered by <c>config/prompts/make-prompts.sh</c> are left alone). Returns the files written.
    /// </summary>
    public static IReadOnlyList<string> EnsureDefaults(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        var welcome = Path.Combine(directory, Welcome);
        if (!File.Exists(welcome))
        {
            ToneGenerator.WriteWav(welcome, ToneGenerator.ComfortTone());
            written.Add(welcome);
        }

        var hold = Path.Combine(directory, Hold);
        if (!File.Exists(hold))
        {
            ToneGenerator.WriteWav(hold, ToneGenerator.HoldMelody());
            written.Add(hold);
        }

        var abandon = Path.Combine(directory, Abandon);
        if (!File.Exists(abandon))
        {
            ToneGenerator.WriteWav(abandon, ToneGenerator.ComfortTone());
            written.Add(abandon);
        }

        return written;
    }
}
