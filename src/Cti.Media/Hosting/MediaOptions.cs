namespace Cti.Media.Hosting;

/// <summary><c>Cti:Media</c>: where the RTP relay binds, which ports it uses, recordings and prompts.</summary>
internal sealed class MediaOptions
{
    public const string SectionName = "Cti:Media";

    /// <summary>The address the relay binds and writes into SDP (the address the phones and the carrier reach).</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>First RTP port (even). Each relayed call uses two RTP/RTCP pairs.</summary>
    public int MinPort { get; set; } = 20000;

    /// <summary>Last port of the range (inclusive).</summary>
    public int MaxPort { get; set; } = 29999;

    /// <summary>Record every bridged call as a stereo WAV (caller left, agent right).</summary>
    public bool RecordCalls { get; set; } = true;

    /// <summary>Recordings folder; relative paths are under the data directory.</summary>
    public string RecordingsDirectory { get; set; } = "recordings";

    /// <summary>Recordings older than this many days are deleted (0 keeps them for ever).</summary>
    public int RecordingRetentionDays { get; set; } = 90;

    /// <summary>Prompts folder (welcome.wav, hold.wav); relative paths are under the data directory. Missing prompts are generated as tones.</summary>
    public string PromptsDirectory { get; set; } = "prompts";
}
