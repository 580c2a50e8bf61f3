namespace Cti.Media.Audio;

/// <summary>The format of a WAV file.</summary>
/// <param name="Encoding">Sample encoding.</param>
/// <param name="SampleRate">Samples per second per channel.</param>
/// <param name="Channels">Channel count.</param>
public sealed record WavFormat(WavEncoding Encoding, int SampleRate, int Channels)
{
    /// <summary>8 kHz mono µ-law, the prompt format.</summary>
    public static WavFormat MuLaw8kMono { get; } = new(WavEncoding.MuLaw, 8000, 1);

    /// <summary>8 kHz stereo 16-bit PCM, the recording format.</summary>
    public static WavFormat Pcm8kStereo { get; } = new(WavEncoding.Pcm16, 8000, 2);

    /// <summary>Bytes per sample of one channel.</summary>
    public int BytesPerSample => Encoding == WavEncoding.Pcm16 ? 2 : 1;

    /// <summary>Bytes per frame (one sample of every channel).</summary>
    public int BlockAlign => BytesPerSample * Channels;
}
